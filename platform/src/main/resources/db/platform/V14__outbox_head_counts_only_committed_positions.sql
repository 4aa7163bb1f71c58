-- The highest delivery position whose event has committed. The sequence outbox_position runs ahead of it while a
-- relay's transaction is positioning a batch; a stream or a country's event tail that started at the sequence's value
-- skipped that batch once it committed (a stream resumed at that moment lost the event it was waiting for). Batches
-- commit in order (one relay at a time, under its advisory lock), so every position up to this one is visible.
-- SECURITY DEFINER because the maintenance role has no SELECT on outbox_events and row level security would hide
-- other countries' events; it returns one number, as the sequence did.
create function outbox_head() returns bigint
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select coalesce(max(position), 0) from outbox_events
$$;
revoke all on function outbox_head() from public, ${app_role};
comment on function outbox_head() is
    'The highest committed delivery position, where a stream starting now begins; run by the maintenance connection [backstop: maintenance]';

-- The application role read the sequence only to start a stream at "now"; it no longer needs to count every
-- country's events.
revoke select on sequence outbox_position from ${app_role};

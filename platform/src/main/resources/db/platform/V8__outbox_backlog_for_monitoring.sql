-- Monitoring (issue 21): how many committed events still wait for their delivery position. Counted through the
-- partial index outbox_unpositioned, so it stays cheap however many events are kept; the scrape asks at most once
-- per caching interval (OutboxBacklog). SECURITY DEFINER because the maintenance role that asks has no SELECT on
-- outbox_events and row level security would hide other countries' events from it; it returns one number and no
-- country's activity on its own, and only the maintenance connection may run it.
create function outbox_backlog() returns bigint
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select count(*) from outbox_events where position is null
$$;
revoke all on function outbox_backlog() from public, ${app_role};
comment on function outbox_backlog() is
    'Events not yet positioned by the relay, for the operators'' backlog alert; run by the maintenance connection [backstop: maintenance]';

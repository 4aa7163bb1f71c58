-- Event streams are woken, not polled: the relay that positions events notifies the channel chainbreaker_outbox
-- (delivered at its commit, to every replica's listener), so an idle subscriber costs the database nothing.
create or replace function outbox_assign_positions() returns bigint
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_count bigint;
begin
    -- Several replicas run the relay; one assigns at a time, the others skip this round.
    if not pg_try_advisory_xact_lock(hashtext('chainbreaker.outbox_relay')) then
        return 0;
    end if;
    with next as (
        select id from outbox_events where position is null order by id limit 1000 for update
    )
    update outbox_events o set position = nextval('outbox_position')
      from (select id from next order by id) n
     where o.id = n.id;
    get diagnostics v_count = row_count;
    if v_count > 0 then
        -- No payload: a listener only learns that something was positioned, and reads what its tenant may see.
        perform pg_notify('chainbreaker_outbox', '');
    end if;
    return v_count;
end
$$;

-- Losing access is told: an event of type '<record type>.access_ended' names a record and the country (its
-- audience) that no longer sees it. That country reads it although the service's own policies no longer show it
-- the record; nobody else reads it, not even other countries that still see the record or the owner (who has its
-- own event of the revocation).
create policy outbox_access_ended_to_its_audience on outbox_events for select
    using (event_type like '%.access\_ended'
           and audience_country = current_setting('chainbreaker.tenant', true));
create policy outbox_access_ended_only_to_its_audience on outbox_events as restrictive for select
    using (event_type not like '%.access\_ended'
           or audience_country = current_setting('chainbreaker.tenant', true));

-- Event streams are woken, not polled: the relay that positions events notifies the channel chainbreaker_outbox
-- (delivered at its commit, to every replica's listener), so an idle subscriber costs the database nothing.
create or replace function outbox_assign_positions() returns bigint
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_count bigint;
    v_first bigint;
begin
    -- Several replicas run the relay; one assigns at a time, the others skip this round.
    if not pg_try_advisory_xact_lock(hashtext('chainbreaker.outbox_relay')) then
        return 0;
    end if;
    -- Positions follow the order of the events' ids (their order of writing): an UPDATE ... FROM may visit rows in
    -- any order, so each row's position is its rank among the batch above one block reserved from the sequence
    -- (only this function, under the lock above, draws from it).
    select count(*) into v_count
      from (select 1 from outbox_events where position is null order by id limit 1000) b;
    if v_count = 0 then
        return 0;
    end if;
    v_first := nextval('outbox_position');
    if v_count > 1 then
        perform setval('outbox_position', v_first + v_count - 1);
    end if;
    with next as (
        select id, row_number() over (order by id) as rank
          from (select id from outbox_events where position is null order by id limit v_count for update) b
    )
    update outbox_events o set position = v_first + n.rank - 1
      from next n
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

-- Whether p_country sees row p_id of p_table now, decided by the table's own row-level policies: the session's
-- tenant is switched to p_country for the one query and put back. An access_ended event is written only for a
-- country that saw the record before a change and does not after it (or, for a grant that ran out, does not now),
-- whatever path it saw it by, so no second copy of the visibility rules exists to drift from the policies.
-- SECURITY INVOKER on purpose: under the owner role no policy applies and the answer would always be yes, which
-- the first check refuses. It tells the application role nothing it could not ask by setting the tenant itself.
create function chainbreaker_seen_by(p_table regclass, p_id uuid, p_country text) returns boolean
    language plpgsql volatile
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_seen   boolean;
begin
    if v_tenant is null or v_tenant = '' or not row_security_active(p_table) then
        raise exception 'chainbreaker_seen_by(%) must run in a tenant session under row-level security (the application role)', p_table;
    end if;
    perform set_config('chainbreaker.tenant', p_country, true);
    execute format('select exists (select 1 from %s where id = $1)', p_table) into v_seen using p_id;
    perform set_config('chainbreaker.tenant', v_tenant, true);
    return v_seen;
end
$$;
revoke all on function chainbreaker_seen_by(regclass, uuid, text) from public;
grant execute on function chainbreaker_seen_by(regclass, uuid, text) to ${app_role};

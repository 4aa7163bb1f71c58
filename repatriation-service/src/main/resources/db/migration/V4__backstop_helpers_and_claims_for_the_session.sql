-- The database backstop, attacked alone (issue 19), for the repatriation-service:
--
--   * every SECURITY DEFINER function searches pg_catalog, public, then pg_temp (never the caller's temporary
--     objects first);
--   * repatriation_party answers only for the session's country (like the fugitive-service's helpers, its V2);
--   * the functions that claim pending fugitive checks and custody deliveries returned every country's stored user
--     tokens to the application role, and the escalation timer escalated (and named) every country's requests: each
--     now works only for the session's country. The jobs run one round per configured country, each in a
--     transaction acting for that country, so several countries' work still proceeds, and replicas still never
--     take the same row (FOR UPDATE SKIP LOCKED);
--   * events: appended under the session's country, or about a record the session sees, to that record's owner.

do $$
declare
    f regprocedure;
begin
    for f in select p.oid from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef loop
        execute format('alter function %s set search_path = pg_catalog, public, pg_temp', f);
    end loop;
end
$$;

comment on table coordinator_countries is
    'The international bodies that see every repatriation: reference data, read-only for the application [backstop: shared]';

create or replace function repatriation_party(p_repatriation uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from repatriations
                    where id = p_repatriation and p_tenant in (sending_country, receiving_country))
$$;

create or replace function repatriation_claim_fugitive_checks(p_limit int)
    returns table (repatriation_id uuid, wanted_person_id uuid, tenant text, actor_user text, actor_client text,
                   token text, attempts int)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select c.repatriation_id, c.wanted_person_id, c.tenant, c.actor_user, c.actor_client, c.token, c.attempts
      from fugitive_checks c
     where c.tenant = current_setting('chainbreaker.tenant', true)
       and c.next_attempt_time <= now() and c.token_expiry > now()
     order by c.next_attempt_time
     limit p_limit
       for update skip locked
$$;

create or replace function repatriation_claim_custody_deliveries(p_limit int, p_only uuid)
    returns table (repatriation_id uuid, wanted_person_id uuid, handover_time timestamptz, from_country text,
                   to_country text, tenant text, actor_user text, actor_client text, token text, attempts int)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select d.repatriation_id, d.wanted_person_id, d.handover_time, d.from_country, d.to_country, d.tenant,
           d.actor_user, d.actor_client, d.token,
           (select r.custody_delivery_attempts from repatriations r where r.id = d.repatriation_id)
      from custody_deliveries d
     where d.tenant = current_setting('chainbreaker.tenant', true)
       and (case when p_only is null then d.next_attempt_time <= now() else d.repatriation_id = p_only end)
       and d.token_expiry > now()
     order by d.next_attempt_time
     limit p_limit
       for update of d skip locked
$$;

-- The escalation timer, for the requests the session's country raised (the timer runs a round per country).
create or replace function rescue_escalate_due(p_limit int)
    returns table (id uuid, requesting_country text, host_country text)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with due as (
        select r.id from rescue_requests r
         where r.requesting_country = current_setting('chainbreaker.tenant', true)
           and r.status = 'OPEN' and not r.escalated and r.acknowledge_deadline <= now()
         order by r.acknowledge_deadline
         limit p_limit
           for update skip locked
    )
    update rescue_requests r
       set escalated = true, escalate_time = now(), version = r.version + 1, update_time = now()
      from due
     where r.id = due.id
    returning r.id, r.requesting_country, r.host_country
$$;

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------
-- About a repatriation or rescue request of another country the session sees (the other party, the host): to its owner.
create policy repatriation_events_to_the_record_owner on outbox_events for insert
    with check (case record_type
                  when 'repatriation' then exists (select 1 from repatriations r
                                                    where r.id = outbox_events.record_id::uuid
                                                      and r.owner_country = outbox_events.owner_country)
                  when 'rescue_request' then exists (select 1 from rescue_requests r
                                                      where r.id = outbox_events.record_id::uuid
                                                        and r.requesting_country = outbox_events.owner_country)
                  else false
                end);
-- Whoever appends an event about a record must see that record.
create policy repatriation_events_about_visible_records on outbox_events as restrictive for insert
    with check (case record_type
                  when 'repatriation' then exists (select 1 from repatriations r where r.id = outbox_events.record_id::uuid)
                  when 'rescue_request' then exists (select 1 from rescue_requests r
                                                      where r.id = outbox_events.record_id::uuid)
                  else true
                end);

-- Losing access is told: a country that no longer sees a wanted person it saw (it left the operation, the operation
-- ended, the notice was cancelled) gets one 'wanted_person.access_ended' event naming it, readable by that country
-- only (platform V6); a country removed from an operation also gets 'operation.access_ended' for the operation.
-- Whether it still sees the wanted person by another path (another operation, a sighting, a granted cooperation
-- request) is asked of the wanted_persons policy itself (chainbreaker_seen_by, platform V6), in the same statement
-- as the telling: the functions below only name the candidates and write the events, which name records of other
-- owners than the session's country and so pass the events' insert policies only as the owner role.

-- The wanted persons published to the session's country's running operation whose notices are published (what a
-- participant sees through it). Internal to the statement that tells a removed participant.
create function fugitives_operation_wanted_persons(p_operation uuid) returns uuid[]
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select coalesce(array_agg(w.id), '{}')
      from operations o
      join operation_publications p on p.operation_id = o.id
      join wanted_persons w on w.id = p.wanted_person_id
     where o.id = p_operation and o.coordinator_country = current_setting('chainbreaker.tenant', true)
       and now() between o.start_time and o.end_time and w.notice_status = 'PUBLISHED'
$$;
revoke all on function fugitives_operation_wanted_persons(uuid) from public;
grant execute on function fugitives_operation_wanted_persons(uuid) to ${app_role};

-- Called by the coordinator after it removed p_country from its operation: answers only for an operation the
-- session's country coordinates and p_country no longer takes part in; tells p_country that it lost the operation
-- and each of p_unseen (wanted persons published to the operation that p_country no longer sees, decided by the
-- caller's statement under the policies). Returns nothing.
create function fugitives_tell_participant_left(p_operation uuid, p_country text, p_unseen uuid[]) returns void
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
begin
    if not exists (select 1 from operations where id = p_operation and coordinator_country = v_tenant)
       or exists (select 1 from operation_participants where operation_id = p_operation and country = p_country) then
        return;
    end if;
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    values (now(), v_tenant, 'operation', p_operation::text, 'operation.access_ended', 'system', p_country);
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), w.owner_country, 'wanted_person', w.id::text, 'wanted_person.access_ended', 'system', p_country
      from operation_publications p join wanted_persons w on w.id = p.wanted_person_id
      join operations o on o.id = p.operation_id
     where p.operation_id = p_operation and w.id = any (p_unseen) and w.owner_country <> p_country
       and w.notice_status = 'PUBLISHED' and now() between o.start_time and o.end_time;
end
$$;
revoke all on function fugitives_tell_participant_left(uuid, text, uuid[]) from public;
grant execute on function fugitives_tell_participant_left(uuid, text, uuid[]) to ${app_role};

-- Operations that end: their participants stop seeing the wanted persons published to them. The platform's timer
-- (GrantEndings) calls grants_tell_ended on every replica, country by country on the application connection;
-- the session's country's ended operations are claimed with SKIP LOCKED and marked with the end that was told, so
-- no ending is told twice.
alter table operations add column end_told_for timestamptz;
update operations set end_told_for = end_time where end_time <= now();

-- Claims up to p_limit of the session's country's operations that ended and were not told, marks them, and returns
-- each with who saw what through it while it ran (wanted person, participant; a null pair for an operation with
-- none). Internal to grants_tell_ended.
create function fugitives_claim_ended_operations(p_limit int)
    returns table (operation_id uuid, wanted_person_id uuid, country text)
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_op record;
begin
    for v_op in select o.id, o.end_time from operations o
                 where o.coordinator_country = current_setting('chainbreaker.tenant', true)
                   and o.end_time <= now() and o.end_told_for is distinct from o.end_time
                 order by o.end_time limit p_limit
                   for update skip locked loop
        update operations set end_told_for = v_op.end_time where id = v_op.id;
        operation_id := v_op.id;
        wanted_person_id := null;
        country := null;
        return next;
        return query
            select v_op.id, w.id, m.country
              from operation_publications p
              join wanted_persons w on w.id = p.wanted_person_id
              join operation_participants m on m.operation_id = p.operation_id
              join operations o on o.id = p.operation_id
             where p.operation_id = v_op.id and m.country <> w.owner_country and w.notice_status = 'PUBLISHED'
               -- Only who saw it through this operation while it ran (not an operation created already ended).
               and greatest(o.start_time, o.create_time, m.join_time, p.publish_time) < o.end_time;
    end loop;
end
$$;
revoke all on function fugitives_claim_ended_operations(int) from public;
grant execute on function fugitives_claim_ended_operations(int) to ${app_role};

-- Writes the endings of the session's country's ended operation: for each (wanted person, country) pair that
-- took part in it, told by the caller's statement only where the country no longer sees the wanted person.
create function fugitives_tell_operation_ended(p_operation uuid, p_wanted uuid[], p_countries text[]) returns void
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), w.owner_country, 'wanted_person', w.id::text, 'wanted_person.access_ended', 'system', t.country
      from unnest(p_wanted, p_countries) as t(wanted_person_id, country)
      join wanted_persons w on w.id = t.wanted_person_id
      join operation_publications p on p.wanted_person_id = w.id and p.operation_id = p_operation
      join operation_participants m on m.operation_id = p_operation and m.country = t.country
      join operations o on o.id = p_operation
     where o.coordinator_country = current_setting('chainbreaker.tenant', true) and o.end_time <= now()
       and m.country <> w.owner_country
$$;
revoke all on function fugitives_tell_operation_ended(uuid, uuid[], text[]) from public;
grant execute on function fugitives_tell_operation_ended(uuid, uuid[], text[]) to ${app_role};

-- SECURITY INVOKER: the visibility question must run under the policies (see chainbreaker_seen_by).
create function grants_tell_ended(p_limit int) returns int
    language plpgsql volatile
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_ops     uuid[];
    v_wanted  uuid[];
    v_country text[];
begin
    select array_agg(c.operation_id), array_agg(c.wanted_person_id), array_agg(c.country)
      into v_ops, v_wanted, v_country
      from fugitives_claim_ended_operations(p_limit) c;
    perform fugitives_tell_operation_ended(t.operation_id, array_agg(t.wanted_person_id), array_agg(t.country))
       from unnest(v_ops, v_wanted, v_country) as t(operation_id, wanted_person_id, country)
      where t.wanted_person_id is not null
        and not chainbreaker_seen_by('wanted_persons', t.wanted_person_id, t.country)
      group by t.operation_id;
    return (select count(distinct x) from unnest(v_ops) x);
end
$$;
revoke all on function grants_tell_ended(int) from public;
grant execute on function grants_tell_ended(int) to ${app_role};

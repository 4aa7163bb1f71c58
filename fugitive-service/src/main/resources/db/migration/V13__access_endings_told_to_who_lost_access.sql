-- Losing access is told: a country that no longer sees a wanted person it saw through an operation (it left the
-- operation, the operation ended, the notice was cancelled) gets one 'wanted_person.access_ended' event naming it,
-- readable by that country only (platform V6); a country removed from an operation also gets
-- 'operation.access_ended' for the operation. Nobody else learns of these events.

-- Whether a country other than the owner sees a wanted person now through a grant (the wanted_persons policy's
-- rule without the session): internal to the functions below, not callable by the application role.
create function fugitives_sees_through_grant(p_wanted_person uuid, p_country text) returns boolean
    language sql stable
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from wanted_persons w
                    where w.id = p_wanted_person and w.notice_status = 'PUBLISHED'
                      and (exists (select 1
                                     from operation_publications p
                                     join operation_participants m on m.operation_id = p.operation_id
                                     join operations o on o.id = p.operation_id
                                    where p.wanted_person_id = w.id and m.country = p_country
                                      and now() between o.start_time and o.end_time)
                           or exists (select 1 from sightings s
                                       where s.wanted_person_id = w.id and s.country = p_country)))
$$;
revoke all on function fugitives_sees_through_grant(uuid, text) from public, ${app_role};

-- Called by the coordinator after it removed p_country from its operation: answers only for an operation the
-- session's country coordinates; tells p_country that it lost the operation and every wanted person of it that it
-- no longer sees. Returns nothing.
create function fugitives_tell_participant_left(p_operation uuid, p_country text) returns void
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
     where p.operation_id = p_operation and w.owner_country <> p_country and w.notice_status = 'PUBLISHED'
       and now() between o.start_time and o.end_time
       and not fugitives_sees_through_grant(w.id, p_country);
end
$$;
revoke all on function fugitives_tell_participant_left(uuid, text) from public;
grant execute on function fugitives_tell_participant_left(uuid, text) to ${app_role};

-- Called by the owner in the transaction that cancelled its notice: every country that could see it just before
-- (fugitives_could_see_before_cancel's rule) is told that its access ended. Answers only for the session's own,
-- cancelled wanted person. Returns nothing.
create function fugitives_tell_cancelled(p_wanted_person uuid) returns void
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
begin
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), w.owner_country, 'wanted_person', w.id::text, 'wanted_person.access_ended', 'system', c.country
      from wanted_persons w
      join lateral (select m.country
                      from operation_publications p
                      join operation_participants m on m.operation_id = p.operation_id
                      join operations o on o.id = p.operation_id
                     where p.wanted_person_id = w.id and m.join_time <= w.cancel_time
                       and w.cancel_time between o.start_time and o.end_time
                    union
                    select s.country from sightings s
                     where s.wanted_person_id = w.id and s.report_time <= w.cancel_time) c on true
     where w.id = p_wanted_person and w.owner_country = v_tenant and w.cancelled_from = 'PUBLISHED'
       and c.country <> w.owner_country;
end
$$;
revoke all on function fugitives_tell_cancelled(uuid) from public;
grant execute on function fugitives_tell_cancelled(uuid) to ${app_role};

-- Operations that end: their participants stop seeing the wanted persons published to them. The platform's timer
-- (GrantEndings) calls this on every replica under the maintenance connection; operations are claimed with
-- SKIP LOCKED and marked with the end that was told, so no ending is told twice.
alter table operations add column end_told_for timestamptz;
update operations set end_told_for = end_time where end_time <= now();

create function grants_tell_ended(p_limit int) returns int
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_op record;
    v_count int := 0;
begin
    for v_op in select id, end_time from operations
                 where end_time <= now() and end_told_for is distinct from end_time
                 order by end_time limit p_limit
                   for update skip locked loop
        update operations set end_told_for = v_op.end_time where id = v_op.id;
        insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                                   audience_country)
        select now(), w.owner_country, 'wanted_person', w.id::text, 'wanted_person.access_ended', 'system', m.country
          from operation_publications p
          join wanted_persons w on w.id = p.wanted_person_id
          join operation_participants m on m.operation_id = p.operation_id
          join operations o on o.id = p.operation_id
         where p.operation_id = v_op.id and m.country <> w.owner_country and w.notice_status = 'PUBLISHED'
           -- Only who saw it through this operation while it ran (not an operation created already ended).
           and greatest(o.start_time, o.create_time, m.join_time, p.publish_time) < o.end_time
           and not fugitives_sees_through_grant(w.id, m.country);
        v_count := v_count + 1;
    end loop;
    return v_count;
end
$$;
revoke all on function grants_tell_ended(int) from public, ${app_role};
comment on function grants_tell_ended(int) is
    'Tells participants of ended operations that their access ended; run by the owner role (maintenance connection) [backstop: maintenance]';

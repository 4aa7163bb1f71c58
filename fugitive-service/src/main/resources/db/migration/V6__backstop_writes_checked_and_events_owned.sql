-- The database backstop, attacked alone (issue 19), for the fugitive-service:
--
--   * every SECURITY DEFINER function searches pg_catalog, public, then pg_temp (never the caller's temporary
--     objects first);
--   * every insert policy checks that the row belongs to a record the session's country owns or coordinates: a
--     participant row could be inserted into another country's operation by anyone naming itself its coordinator
--     (a self-join, after which the operation's records were readable); document numbers and name keys could be
--     added to another country's wanted person (making it answer identity checks and searches it should not); a
--     notice could be published to an operation its owner takes no part in;
--   * events: appended under the session's country, or about a record the session sees, to that record's owner;
--     never about a record it does not see. Identity checks that hit another country's notice are announced to the
--     owner through fugitives_announce_identity_checks.

do $$
declare
    f regprocedure;
begin
    for f in select p.oid from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef loop
        execute format('alter function %s set search_path = pg_catalog, public, pg_temp', f);
    end loop;
end
$$;

-- Whether the session's country coordinates the operation (asked by the participants policies, which cannot read
-- operations without recursing through its policy back into the participants).
create function fugitives_coordinates(p_operation uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from operations
                    where id = p_operation and coordinator_country = current_setting('chainbreaker.tenant', true))
$$;
revoke all on function fugitives_coordinates(uuid) from public;
grant execute on function fugitives_coordinates(uuid) to ${app_role};

comment on function fugitives_identity_check(text[], real, int, int, int, text) is
    'Hit/no-hit against every country''s PUBLISHED notices: owner and reference only [backstop: cross-tenant]';
comment on function fugitives_similar_keys(text[], real, int) is
    'Similar spellings of the dictionary: hashes and similarities only [backstop: cross-tenant]';

-- ---------------------------------------------------------------------------------------------
-- Writes
-- ---------------------------------------------------------------------------------------------
drop policy participants_added_by_coordinator on operation_participants;
create policy participants_added_by_coordinator on operation_participants for insert
    with check (coordinator_country = current_setting('chainbreaker.tenant', true)
                and fugitives_coordinates(operation_id));
drop policy participants_removed_by_coordinator on operation_participants;
create policy participants_removed_by_coordinator on operation_participants for delete
    using (coordinator_country = current_setting('chainbreaker.tenant', true)
           and fugitives_coordinates(operation_id));

drop policy publications_by_owner on operation_publications;
create policy publications_by_owner on operation_publications for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true))
                and (fugitives_participates(operation_id, current_setting('chainbreaker.tenant', true))
                     or fugitives_coordinates(operation_id)));

drop policy documents_of_owner on wanted_person_documents;
create policy documents_of_owner on wanted_person_documents for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true)));

drop policy name_keys_written_by_owner on wanted_person_name_keys;
create policy name_keys_written_by_owner on wanted_person_name_keys for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true)));

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------
-- About a record of another country the session sees (a sighting, an arrest, a transfer): to that record's owner.
create policy fugitive_events_to_the_record_owner on outbox_events for insert
    with check (case record_type
                  when 'wanted_person' then exists (select 1 from wanted_persons w
                                                     where w.id = outbox_events.record_id::uuid
                                                       and w.owner_country = outbox_events.owner_country)
                  when 'operation' then exists (select 1 from operations o
                                                 where o.id = outbox_events.record_id::uuid
                                                   and o.coordinator_country = outbox_events.owner_country)
                  else false
                end);
-- Whoever appends an event about a record must see that record; checks of notices it does not see are announced
-- only through fugitives_announce_identity_checks.
create policy fugitive_events_about_visible_records on outbox_events as restrictive for insert
    with check (case record_type
                  when 'wanted_person' then exists (select 1 from wanted_persons w where w.id = outbox_events.record_id::uuid)
                  when 'operation' then exists (select 1 from operations o where o.id = outbox_events.record_id::uuid)
                  when 'notice' then false
                  else true
                end);

-- Tells the owners of PUBLISHED notices (owner/reference pairs, as an identity check answered them) that the
-- session's country checked them; pairs that name no published notice are ignored. Returns nothing.
create function fugitives_announce_identity_checks(p_owners text[], p_references text[], p_actor_user text)
    returns void
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user)
    select now(), a.owner_country, 'notice', a.reference, 'notice.checked', p_actor_user
      from (select distinct owner_country, reference from unnest(p_owners, p_references) a(owner_country, reference)) a
     where current_setting('chainbreaker.tenant', true) is not null
       and exists (select 1 from wanted_persons w
                    where w.owner_country = a.owner_country and w.reference = a.reference
                      and w.notice_status = 'PUBLISHED')
$$;
revoke all on function fugitives_announce_identity_checks(text[], text[], text) from public;
grant execute on function fugitives_announce_identity_checks(text[], text[], text) to ${app_role};

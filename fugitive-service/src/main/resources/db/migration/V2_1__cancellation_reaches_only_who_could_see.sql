-- A cancellation reaches everyone who could see the notice before it, and no one else. The events policy used to
-- ask who holds a grant at delivery time, whatever the notice's status: a notice cancelled while still a DRAFT or
-- UNDER_REVIEW (never visible to other countries) was announced, with its id and owner, to the participants of the
-- operations it had been published to, and so was any notice to a country that joined such an operation later.
-- Found by system-tests' TenantIsolationPropertyTest (event streams). Now the notice remembers the status it was
-- cancelled from and when, and only countries that saw it at that moment are told.

alter table wanted_persons add column cancelled_from text;
alter table wanted_persons add column cancel_time timestamptz;

-- Notices cancelled before this migration: published ones are those whose publication is in the outbox.
update wanted_persons w
   set cancelled_from = case when exists (select 1 from outbox_events e
                                           where e.record_type = 'wanted_person' and e.record_id = w.id::text
                                             and e.event_type = 'wanted_person.published')
                             then 'PUBLISHED' else 'DRAFT' end,
       cancel_time = w.update_time
 where w.notice_status = 'CANCELLED';

-- True if the tenant could see the cancelled notice when it was cancelled: it was PUBLISHED, and the tenant took
-- part in a running operation it was published to, or had a sighting of it in its country, at that moment. Like
-- the other helpers it answers only for the session's tenant.
create function fugitives_could_see_before_cancel(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from wanted_persons w
                    where w.id = p_wanted_person and w.cancelled_from = 'PUBLISHED'
                      and (exists (select 1
                                     from operation_publications p
                                     join operation_participants m on m.operation_id = p.operation_id
                                     join operations o on o.id = p.operation_id
                                    where p.wanted_person_id = w.id
                                      and m.country = p_tenant
                                      and m.join_time <= w.cancel_time
                                      and w.cancel_time between o.start_time and o.end_time)
                           or exists (select 1 from sightings s
                                       where s.wanted_person_id = w.id and s.country = p_tenant
                                         and s.report_time <= w.cancel_time)))
$$;

revoke all on function fugitives_could_see_before_cancel(uuid, text) from public;
grant execute on function fugitives_could_see_before_cancel(uuid, text) to ${app_role};

drop policy fugitive_events_visible on outbox_events;
create policy fugitive_events_visible on outbox_events for select
    using (case
             -- Checks against a notice: its owner only.
             when record_type = 'notice' then owner_country = current_setting('chainbreaker.tenant', true)
             -- A cancellation: the owner, and whoever could see the notice when it was cancelled (and still takes
             -- part in that operation, or had that sighting).
             when record_type = 'wanted_person' and event_type = 'wanted_person.cancelled' then
                  owner_country = current_setting('chainbreaker.tenant', true)
                  or fugitives_could_see_before_cancel(record_id::uuid, current_setting('chainbreaker.tenant', true))
             -- Anything else about a wanted person: whoever may see it now.
             when record_type = 'wanted_person' then
                  exists (select 1 from wanted_persons w where w.id = outbox_events.record_id::uuid)
             when record_type = 'operation' then
                  exists (select 1 from operations o where o.id = outbox_events.record_id::uuid)
             else false
           end);

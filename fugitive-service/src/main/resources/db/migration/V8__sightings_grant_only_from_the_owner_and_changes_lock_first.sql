-- Sightings no longer pass a record on, and every change locks the record before it reads it (issues 19 and 20).
--
-- 1. A sighting was an onward grant the owner could not revoke: an operation participant reported a sighting of
--    another country's record "in" a third country, which then read the whole record, and the reporter kept access
--    after it was removed from the operation (its own sighting granted it). Now:
--      * another country places the person in its own territory only (a sighting elsewhere is the owner's to
--        report), and its sighting grants nothing: what it sees, it sees through its own grants, and only as long;
--      * only a sighting the owner reports lets the country where the person was seen see the record, and the owner
--        may withdraw that access.
--    sightings.country, which every visibility rule reads (policies, fugitives_granted,
--    fugitives_could_see_before_cancel, the service's queries), now holds the country the sighting lets see the
--    record, or null; where the person was seen moves to seen_country. The rules keep their text, and with it their
--    meaning: "a sighting grants its country".
-- 2. Sightings of a person in custody (ARRESTED or TRANSFERRED) are refused: they would move the last known location
--    of a person held elsewhere and open the record to the sighting country.
-- 3. fugitives_lock_visible: the service locks a record the session's country may see before reading it, so that
--    every decision is taken on the state no concurrent change can move (an arrest or sighting by another country
--    cannot lock the row itself: the update policy is the owner's).

alter table sightings add column seen_country text;
update sightings set seen_country = country;
alter table sightings alter column seen_country set not null;
alter table sightings alter column country drop not null;
alter table sightings add column access_withdraw_time timestamptz;

-- Sightings by other countries grant nothing any more; those in a third country are kept as reports, for the owner.
update sightings set country = null where reporter_country <> owner_country;

comment on column sightings.country is
    'The country this sighting lets see the wanted person (null: none): seen_country, for a sighting the owner reported and has not withdrawn.';
comment on column sightings.seen_country is 'Where the person was seen.';

alter table sightings
    add constraint sightings_grant_only_where_seen check (country is null or country = seen_country),
    add constraint sightings_grant_only_from_the_owner check (country is null or reporter_country = owner_country),
    add constraint sightings_withdrawn_grants_nothing check (access_withdraw_time is null or country is null);
-- Older sightings placed persons in third countries; from now on a country reports only in its own territory.
alter table sightings
    add constraint sightings_in_the_reporters_country
        check (seen_country = reporter_country or reporter_country = owner_country) not valid;

-- Whether the session's country may see the wanted person (the rule of the wanted_persons policy). Answers only for
-- the session's country.
create function fugitives_session_may_see(p_wanted_person uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (
        select 1 from public.wanted_persons w
         where w.id = p_wanted_person
           and (w.owner_country = current_setting('chainbreaker.tenant', true)
                or (w.notice_status = 'PUBLISHED'
                    and (exists (select 1
                                   from public.operation_publications p
                                   join public.operation_participants m on m.operation_id = p.operation_id
                                   join public.operations o on o.id = p.operation_id
                                  where p.wanted_person_id = w.id
                                    and m.country = current_setting('chainbreaker.tenant', true)
                                    and now() between o.start_time and o.end_time)
                         or exists (select 1 from public.sightings s
                                     where s.wanted_person_id = w.id
                                       and s.country = current_setting('chainbreaker.tenant', true))))))
$$;

-- Locks the wanted person against concurrent change if the session's country may see it; true if it did. Every
-- change takes this lock first and reads the record after it. A country that may not see the record gets false,
-- as for an id that does not exist, and locks nothing.
create function fugitives_lock_visible(p_wanted_person uuid) returns boolean
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
begin
    if not public.fugitives_session_may_see(p_wanted_person) then
        return false;
    end if;
    perform 1 from public.wanted_persons w where w.id = p_wanted_person for no key update of w;
    -- Checked again under the lock: a cancellation that committed while this call waited ends the visibility.
    return found and public.fugitives_session_may_see(p_wanted_person);
end
$$;

-- Whether the session's country may report a sighting of the wanted person now: it sees it, the notice is PUBLISHED
-- and the person is at large.
create function fugitives_sighting_allowed(p_wanted_person uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select public.fugitives_session_may_see(p_wanted_person)
       and exists (select 1 from public.wanted_persons w
                    where w.id = p_wanted_person and w.notice_status = 'PUBLISHED' and w.custody = 'AT_LARGE')
$$;

-- Restrictive: added to whatever the permissive insert policies allow.
create policy sightings_only_of_a_person_at_large on sightings as restrictive for insert
    with check (fugitives_sighting_allowed(wanted_person_id));

-- The owner withdraws the access its sighting gave (country to null); nothing else of a sighting changes.
create policy sightings_access_withdrawn_by_owner on sightings for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true) and country is null);

revoke all on function fugitives_session_may_see(uuid) from public;
revoke all on function fugitives_lock_visible(uuid) from public;
revoke all on function fugitives_sighting_allowed(uuid) from public;
grant execute on function fugitives_session_may_see(uuid) to ${app_role};
grant execute on function fugitives_lock_visible(uuid) to ${app_role};
grant execute on function fugitives_sighting_allowed(uuid) to ${app_role};
grant update (country, access_withdraw_time) on sightings to ${app_role};

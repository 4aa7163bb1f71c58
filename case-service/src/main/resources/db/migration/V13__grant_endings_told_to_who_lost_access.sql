-- Losing access is told. A revocation is told by the service in the revoking transaction; a grant that runs out
-- has nobody acting, so a timer (the platform's GrantEndings, every replica, country by country on the application
-- connection) calls grants_tell_ended: each share of the session's country whose expiry has passed and was not told
-- yet is marked told, and its holder gets one '<type>.access_ended' event (readable by that country only, platform
-- V6) if it no longer sees the record by any path: chainbreaker_seen_by asks the row-level policies themselves, so a
-- holder that still sees the case through a lead or analysis assigned to it, or another grant, is not told. Rows are
-- claimed with SKIP LOCKED and marked in the same transaction, so several replicas never tell twice. end_told_for is
-- the expiry that was told: a share renewed with a new expiry is told again when that one passes.
alter table case_shares add column end_told_for timestamptz;
alter table scam_centre_shares add column end_told_for timestamptz;
-- What ran out before this migration is not news.
update case_shares set end_told_for = expire_time where expire_time <= now();
update scam_centre_shares set end_told_for = expire_time where expire_time <= now();
create index case_shares_ending on case_shares (expire_time) where expire_time is not null;
create index scam_centre_shares_ending on scam_centre_shares (expire_time) where expire_time is not null;

-- SECURITY INVOKER: the session's country acts as the owner of its shares (the policies let it read and mark them).
create function grants_tell_ended(p_limit int) returns int
    language plpgsql volatile
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_ids       uuid[];
    v_countries text[];
    v_count     int;
begin
    with ended as (
        select case_id, country, expire_time from case_shares
         where owner_country = v_tenant and expire_time <= now() and end_told_for is distinct from expire_time
         order by expire_time
         limit p_limit
           for update skip locked
    ), told as (
        update case_shares s set end_told_for = e.expire_time
          from ended e
         where s.case_id = e.case_id and s.country = e.country
        returning e.case_id, e.country
    )
    select array_agg(case_id), array_agg(country) into v_ids, v_countries from told;
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), v_tenant, 'case', t.id::text, 'case.access_ended', 'system', t.country
      from unnest(v_ids, v_countries) as t(id, country)
     where not chainbreaker_seen_by('cases', t.id, t.country);
    v_count := coalesce(cardinality(v_ids), 0);

    with ended as (
        select centre_id, country, expire_time from scam_centre_shares
         where owner_country = v_tenant and expire_time <= now() and end_told_for is distinct from expire_time
         order by expire_time
         limit p_limit
           for update skip locked
    ), told as (
        update scam_centre_shares s set end_told_for = e.expire_time
          from ended e
         where s.centre_id = e.centre_id and s.country = e.country
        returning e.centre_id, e.country
    )
    select array_agg(centre_id), array_agg(country) into v_ids, v_countries from told;
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), v_tenant, 'scam_centre', t.id::text, 'scam_centre.access_ended', 'system', t.country
      from unnest(v_ids, v_countries) as t(id, country)
     where not chainbreaker_seen_by('scam_centres', t.id, t.country);
    return greatest(v_count, coalesce(cardinality(v_ids), 0));
end
$$;
revoke all on function grants_tell_ended(int) from public;
grant execute on function grants_tell_ended(int) to ${app_role};

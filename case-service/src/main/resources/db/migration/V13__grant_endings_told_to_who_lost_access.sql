-- Losing access is told. A revocation is told by the service in the revoking transaction; a grant that runs out
-- has nobody acting, so a timer (the platform's GrantEndings, every replica, under the maintenance connection) calls
-- grants_tell_ended: each share whose expiry has passed and was not told yet gets one '<type>.access_ended' event
-- for the country that held it (readable by that country only, platform V6). Rows are claimed with SKIP LOCKED and
-- marked in the same transaction, so several replicas never tell twice. end_told_for is the expiry that was told:
-- a share renewed with a new expiry is told again when that one passes.
alter table case_shares add column end_told_for timestamptz;
alter table scam_centre_shares add column end_told_for timestamptz;
-- What ran out before this migration is not news.
update case_shares set end_told_for = expire_time where expire_time <= now();
update scam_centre_shares set end_told_for = expire_time where expire_time <= now();
create index case_shares_ending on case_shares (expire_time) where expire_time is not null;
create index scam_centre_shares_ending on scam_centre_shares (expire_time) where expire_time is not null;

create function grants_tell_ended(p_limit int) returns int
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_count int := 0;
    v_n     int;
begin
    with ended as (
        select case_id, country, owner_country, expire_time from case_shares
         where expire_time <= now() and end_told_for is distinct from expire_time
         order by expire_time
         limit p_limit
           for update skip locked
    ), told as (
        update case_shares s set end_told_for = e.expire_time
          from ended e
         where s.case_id = e.case_id and s.country = e.country
        returning e.case_id, e.country, e.owner_country
    )
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), owner_country, 'case', case_id::text, 'case.access_ended', 'system', country from told;
    get diagnostics v_n = row_count;
    v_count := v_count + v_n;

    with ended as (
        select centre_id, country, owner_country, expire_time from scam_centre_shares
         where expire_time <= now() and end_told_for is distinct from expire_time
         order by expire_time
         limit p_limit
           for update skip locked
    ), told as (
        update scam_centre_shares s set end_told_for = e.expire_time
          from ended e
         where s.centre_id = e.centre_id and s.country = e.country
        returning e.centre_id, e.country, e.owner_country
    )
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                               audience_country)
    select now(), owner_country, 'scam_centre', centre_id::text, 'scam_centre.access_ended', 'system', country
      from told;
    get diagnostics v_n = row_count;
    return v_count + v_n;
end
$$;
revoke all on function grants_tell_ended(int) from public, ${app_role};
comment on function grants_tell_ended(int) is
    'Tells countries whose shares ran out that their access ended; run by the owner role (maintenance connection) [backstop: maintenance]';

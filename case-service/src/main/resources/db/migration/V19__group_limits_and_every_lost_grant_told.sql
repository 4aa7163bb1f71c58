-- Group limits (issue 16) and one way of telling a lost grant.
--
--   * Every grant that disappears is told the same way: a revocation, the grants passed on through it, a member
--     removed from a group, a group share revoked. A deferred trigger on case_shares / scam_centre_shares looks at
--     each deleted grant when the transaction commits, when every change of it is done, and appends
--     '<type>.access_ended' for its holder alone (platform V13: readable by that country only) if the holder no
--     longer sees the record by any path, asked of the row-level policies themselves (chainbreaker_seen_by). A
--     deferred trigger fires outside the SECURITY DEFINER functions that deleted the rows, as the application role
--     of the session, so the policies apply; the event is appended as the record's owner (the session may be a
--     coordinator that does not see the record). A grant that ran out and was told already is not told again.
--   * A country in two groups that share one record keeps it while either share stands: a member grant that loses
--     its group (member removed, group share revoked) is carried over to another share of the record with a
--     group the country is still in (the newest), and ends only when none is left.
--   * The owner may revoke a whole group share (delete the group share): each member grant of it is carried over or
--     ends, as above.
--   * Group events (created, renamed, member added, member removed) are read by the coordinators and the group's
--     members only, and appended only by a coordinator.

-- ---------------------------------------------------------------------------------------------
-- A deleted grant is told to its holder at commit, if it lost the record.
-- ---------------------------------------------------------------------------------------------
-- SECURITY INVOKER on purpose (see above); a trigger function, so nobody calls it directly. Arguments: the record
-- table, the record type, the grant table's record column. Sessions without a tenant or without policies (the owner
-- role's maintenance, migrations) tell nobody: no country decided anything there.
create function cases_grant_deleted() returns trigger
    language plpgsql volatile
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_table  regclass := tg_argv[0]::regclass;
    v_type   text := tg_argv[1];
    v_id     uuid := (to_jsonb(old) ->> tg_argv[2])::uuid;
    v_exists boolean;
begin
    if v_tenant is null or v_tenant = '' or not row_security_active(v_table) then
        return null;
    end if;
    -- A grant that ran out was told by the timer (grants_tell_ended, V13): not again.
    if old.expire_time is not null and old.end_told_for is not distinct from old.expire_time then
        return null;
    end if;
    if chainbreaker_seen_by(v_table, v_id, old.country) then
        return null;
    end if;
    perform set_config('chainbreaker.tenant', old.owner_country, true);
    execute format('select exists (select 1 from %s where id = $1)', v_table) into v_exists using v_id;
    if v_exists then
        insert into public.outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user,
                                          audience_country)
        values (now(), old.owner_country, v_type, v_id::text, v_type || '.access_ended', 'system', old.country);
    end if;
    perform set_config('chainbreaker.tenant', v_tenant, true);
    return null;
end
$$;
revoke all on function cases_grant_deleted() from public;

create constraint trigger case_grant_deleted_is_told after delete on case_shares
    deferrable initially deferred
    for each row execute function cases_grant_deleted('public.cases', 'case', 'case_id');
create constraint trigger centre_grant_deleted_is_told after delete on scam_centre_shares
    deferrable initially deferred
    for each row execute function cases_grant_deleted('public.scam_centres', 'scam_centre', 'centre_id');

-- ---------------------------------------------------------------------------------------------
-- A member grant that lost its group: carried over to another group share, or ended.
-- ---------------------------------------------------------------------------------------------
-- Internal (called by the triggers below only; no role but the owner may call it).
create function cases_group_grant_lost(p_case uuid, p_centre uuid, p_country text, p_group uuid)
    returns void
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_other record;
begin
    if p_case is not null then
        select g.* into v_other
          from public.case_group_shares g
          join public.country_group_members m on m.group_id = g.group_id and m.country = p_country
         where g.case_id = p_case and g.group_id <> p_group and g.owner_country <> p_country
         order by g.share_time desc, g.group_id
         limit 1;
        if found then
            update public.case_shares
               set group_id = v_other.group_id, handling_code = v_other.handling_code,
                   shared_by = v_other.shared_by, expire_time = v_other.expire_time
             where case_id = p_case and country = p_country and group_id = p_group;
        else
            with recursive through(case_id, country) as (
                select s.case_id, s.country from public.case_shares s
                 where s.case_id = p_case and s.country = p_country and s.group_id = p_group
                union
                select s.case_id, s.country from public.case_shares s join through t
                    on s.case_id = t.case_id and s.granted_by_country = t.country)
            delete from public.case_shares s using through t where s.case_id = t.case_id and s.country = t.country;
        end if;
    else
        select g.* into v_other
          from public.scam_centre_group_shares g
          join public.country_group_members m on m.group_id = g.group_id and m.country = p_country
         where g.centre_id = p_centre and g.group_id <> p_group and g.owner_country <> p_country
         order by g.share_time desc, g.group_id
         limit 1;
        if found then
            update public.scam_centre_shares
               set group_id = v_other.group_id, handling_code = v_other.handling_code,
                   shared_by = v_other.shared_by, expire_time = v_other.expire_time
             where centre_id = p_centre and country = p_country and group_id = p_group;
        else
            delete from public.scam_centre_shares
             where centre_id = p_centre and country = p_country and group_id = p_group;
        end if;
    end if;
end
$$;
revoke all on function cases_group_grant_lost(uuid, uuid, text, uuid) from public;

-- A member removed: each grant it held through the group is carried over or ends.
create or replace function cases_group_member_removed() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_row record;
begin
    for v_row in select s.case_id from public.case_shares s
                  where s.group_id = old.group_id and s.country = old.country loop
        perform public.cases_group_grant_lost(v_row.case_id, null, old.country, old.group_id);
    end loop;
    for v_row in select s.centre_id from public.scam_centre_shares s
                  where s.group_id = old.group_id and s.country = old.country loop
        perform public.cases_group_grant_lost(null, v_row.centre_id, old.country, old.group_id);
    end loop;
    return null;
end
$$;

-- A group share revoked by the owner (the policies let only the owner delete it): each member grant of it is
-- carried over or ends.
create function cases_case_group_share_revoked() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_row record;
begin
    for v_row in select s.country from public.case_shares s
                  where s.case_id = old.case_id and s.group_id = old.group_id loop
        perform public.cases_group_grant_lost(old.case_id, null, v_row.country, old.group_id);
    end loop;
    return null;
end
$$;
create function cases_centre_group_share_revoked() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_row record;
begin
    for v_row in select s.country from public.scam_centre_shares s
                  where s.centre_id = old.centre_id and s.group_id = old.group_id loop
        perform public.cases_group_grant_lost(null, old.centre_id, v_row.country, old.group_id);
    end loop;
    return null;
end
$$;
revoke all on function cases_case_group_share_revoked() from public;
revoke all on function cases_centre_group_share_revoked() from public;

create trigger case_group_share_revoked after delete on case_group_shares
    for each row execute function cases_case_group_share_revoked();
create trigger centre_group_share_revoked after delete on scam_centre_group_shares
    for each row execute function cases_centre_group_share_revoked();

grant delete on case_group_shares to ${app_role};
grant delete on scam_centre_group_shares to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Group events: to the coordinators and the group's members only.
-- ---------------------------------------------------------------------------------------------
create policy country_group_events_visible on outbox_events for select
    using (record_type = 'country_group'
           and (cases_session_coordinates() or cases_session_in_group(record_id::uuid)));
create policy country_group_events_by_coordinators on outbox_events as restrictive for insert
    with check (record_type <> 'country_group' or cases_session_coordinates());

-- An access_ended event is appended only in the record owner's name (the delete trigger above and the timer's
-- grants_tell_ended act as the owner): a country that merely sees a record cannot tell a third country, falsely,
-- that it lost it (DatabaseAttackTest found a partner could, naming any audience).
create policy access_ended_only_by_the_owner on outbox_events as restrictive for insert
    with check (event_type not like '%.access\_ended'
                or owner_country = current_setting('chainbreaker.tenant', true));

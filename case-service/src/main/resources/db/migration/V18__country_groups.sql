-- Country groups (issue 16): named sets of countries that the coordinators (request_coordinators: INTERPOL,
-- ASEANAPOL) maintain, and shares of cases and scam centres with a group.
--
--   * A group and its members are visible to the coordinators and to the group's own members; for any other
--     country the group does not exist (a non-member cannot learn who belongs to it).
--   * A share with a group is kept once (case_group_shares, scam_centre_group_shares) and stands as one ordinary
--     grant per member in case_shares / scam_centre_shares, tagged with the group (group_id). Every policy that
--     decides what a country sees (cases, summaries, persons, leads, events, passing on under H0/H1 only, expiry,
--     grant chains) already reads those tables, so a member sees exactly what a direct share would give it.
--   * Membership changes rewrite the member grants in the same statement (triggers below): a country added sees
--     the group's shared records at once, a country removed loses them at once (and everything passed on through
--     them: a grant chain with a missing link grants nothing, V8). The coordinator making the change may not
--     write another country's grants itself, so the triggers run as the table owner; they act only on the rows
--     of the membership row the session's country (a coordinator, by the policies) just changed.
--   * A direct share to a member replaces its group grant (group_id is cleared by the upsert), so removing the
--     member from the group later leaves the owner's direct decision in place.

create table country_groups (
    id                  uuid        primary key,
    name                text        not null check (char_length(name) between 1 and 200 and btrim(name) <> ''),
    created_by_country  text        not null,
    version             bigint      not null default 1,
    create_time         timestamptz not null,
    update_time         timestamptz not null
);

create table country_group_members (
    group_id            uuid        not null references country_groups (id) on delete cascade,
    country             text        not null,
    added_by_country    text        not null,
    add_time            timestamptz not null,
    primary key (group_id, country)
);

create index country_group_members_by_country on country_group_members (country, group_id);

create table case_group_shares (
    case_id             uuid        not null references cases (id) on delete cascade,
    owner_country       text        not null,
    group_id            uuid        not null references country_groups (id) on delete cascade,
    handling_code       text        not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
    shared_by           text        not null,
    share_time          timestamptz not null,
    expire_time         timestamptz,
    primary key (case_id, group_id)
);

create index case_group_shares_by_group on case_group_shares (group_id);

create table scam_centre_group_shares (
    centre_id           uuid        not null references scam_centres (id) on delete cascade,
    owner_country       text        not null,
    group_id            uuid        not null references country_groups (id) on delete cascade,
    handling_code       text        not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
    shared_by           text        not null,
    share_time          timestamptz not null,
    expire_time         timestamptz,
    primary key (centre_id, group_id)
);

create index scam_centre_group_shares_by_group on scam_centre_group_shares (group_id);

alter table case_shares add column group_id uuid;
alter table scam_centre_shares add column group_id uuid;
create index case_shares_by_group on case_shares (group_id, country) where group_id is not null;
create index scam_centre_shares_by_group on scam_centre_shares (group_id, country) where group_id is not null;

alter table country_groups enable row level security;
alter table country_group_members enable row level security;
alter table case_group_shares enable row level security;
alter table scam_centre_group_shares enable row level security;

-- Whether the session's country is a coordinator.
create function cases_session_coordinates() returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from public.request_coordinators c
                    where c.country = current_setting('chainbreaker.tenant', true))
$$;
revoke all on function cases_session_coordinates() from public;
grant execute on function cases_session_coordinates() to ${app_role};

-- Whether the session's country belongs to the group (the members policy asks it: a sub-query of the members
-- table from its own policy would recurse).
create function cases_session_in_group(p_group uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from public.country_group_members m
                    where m.group_id = p_group and m.country = current_setting('chainbreaker.tenant', true))
$$;
revoke all on function cases_session_in_group(uuid) from public;
grant execute on function cases_session_in_group(uuid) to ${app_role};

create policy groups_visible on country_groups for select
    using (cases_session_coordinates() or cases_session_in_group(id));
create policy groups_created_by_coordinators on country_groups for insert
    with check (cases_session_coordinates()
                and created_by_country = current_setting('chainbreaker.tenant', true));
create policy groups_changed_by_coordinators on country_groups for update
    using (cases_session_coordinates())
    with check (cases_session_coordinates());

create policy group_members_visible on country_group_members for select
    using (cases_session_coordinates() or cases_session_in_group(group_id));
create policy group_members_added_by_coordinators on country_group_members for insert
    with check (cases_session_coordinates()
                and added_by_country = current_setting('chainbreaker.tenant', true));
create policy group_members_removed_by_coordinators on country_group_members for delete
    using (cases_session_coordinates());

-- A group share is the owner's: only it sees, makes or changes it, for a record it owns and a group it sees.
create policy case_group_shares_of_owner on case_group_shares for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true))
                and exists (select 1 from country_groups g where g.id = case_group_shares.group_id));
create policy centre_group_shares_of_owner on scam_centre_group_shares for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns_centre(centre_id)
                and exists (select 1 from country_groups g where g.id = scam_centre_group_shares.group_id));

comment on table country_groups is 'Country groups maintained by the coordinators; seen by coordinators and members';

grant select, insert, update on country_groups to ${app_role};
grant select, insert, delete on country_group_members to ${app_role};
grant select, insert, update on case_group_shares to ${app_role};
grant select, insert, update on scam_centre_group_shares to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Membership changes reach the group's shares at once.
-- ---------------------------------------------------------------------------------------------
-- A member added receives every live group share of the group as a grant from the owner; a grant it already
-- holds of the record (direct, or from another group) is kept as it is.
create function cases_group_member_added() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
begin
    insert into public.case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                    victim_contacts, expire_time, granted_by_country, group_id)
    select g.case_id, g.owner_country, new.country, g.handling_code, g.shared_by, now(), false, g.expire_time,
           g.owner_country, g.group_id
      from public.case_group_shares g
     where g.group_id = new.group_id and g.owner_country <> new.country
    on conflict (case_id, country) do nothing;
    insert into public.scam_centre_shares (centre_id, owner_country, country, handling_code, shared_by, share_time,
                                           expire_time, group_id)
    select g.centre_id, g.owner_country, new.country, g.handling_code, g.shared_by, now(), g.expire_time, g.group_id
      from public.scam_centre_group_shares g
     where g.group_id = new.group_id and g.owner_country <> new.country
    on conflict (centre_id, country) do nothing;
    return null;
end
$$;

-- A member removed loses every grant it held through the group, and every grant passed on through those.
create function cases_group_member_removed() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
begin
    with recursive through(case_id, country) as (
        select s.case_id, s.country from public.case_shares s
         where s.group_id = old.group_id and s.country = old.country
        union
        select s.case_id, s.country from public.case_shares s join through t
            on s.case_id = t.case_id and s.granted_by_country = t.country)
    delete from public.case_shares s using through t where s.case_id = t.case_id and s.country = t.country;
    delete from public.scam_centre_shares s where s.group_id = old.group_id and s.country = old.country;
    return null;
end
$$;

revoke all on function cases_group_member_added() from public;
revoke all on function cases_group_member_removed() from public;

create trigger country_group_member_added after insert on country_group_members
    for each row execute function cases_group_member_added();
create trigger country_group_member_removed after delete on country_group_members
    for each row execute function cases_group_member_removed();

-- Grant chains that are never looser nor longer-lived than their source, at every moment; lead hand-over that
-- keeps the lead's status; locks for the assignee of a technical analysis.
--
--   * A grant passed on (case_shares.granted_by_country is not the owner) counts as what it is through its chain:
--     the strictest handling code and the earliest expiry of every grant from the owner's down to it, and nothing
--     if a link is missing. This is computed where reads happen (the policies below ask cases_my_grant), so when
--     the owner tightens or lets expire a grant, everything passed on through it is tightened or ends in the same
--     instant, with no job running and whatever path changed the source row. Loosening the source again gives the
--     onward grant back no more than it was made with.
--   * Revocation already cascades (CaseStore.deleteShare).
--   * Leads and technical analyses handed on replace the assignment (no chain remains): the owner's re-assignment
--     replaces it whole. What a case share partner sees of them goes through the chain-aware shares below.

-- ---------------------------------------------------------------------------------------------
-- The effective grant through its chain.
-- ---------------------------------------------------------------------------------------------
-- Invoker's rights, so it reads only what row-level security lets the caller read: the owner of a case sees all
-- its grants and gets the effective grant of any of them; a partner sees its own grant only, which is a whole
-- chain only when the owner made it. Expired links count (their expiry is the earliest); the caller filters.
create function cases_chain_grant(p_case uuid, p_country text)
    returns table (handling_code text, expire_time timestamptz)
    language sql stable
    set search_path = pg_catalog, public, pg_temp
as $$
    with recursive chain (country, granted_by, owner, code, expires, depth) as (
        select s.country, s.granted_by_country, s.owner_country, s.handling_code, s.expire_time, 1
          from public.case_shares s
         where s.case_id = p_case and s.country = p_country
        union all
        -- least() ignores nulls: a grant without expiry does not lift its source's expiry.
        select s.country, s.granted_by_country, s.owner_country,
               greatest(c.code, s.handling_code), least(c.expires, s.expire_time), c.depth + 1
          from chain c
          join public.case_shares s on s.case_id = p_case and s.country = c.granted_by
         where c.granted_by <> c.owner and c.depth < 32)
    select c.code, c.expires from chain c where c.granted_by = c.owner
$$;
revoke all on function cases_chain_grant(uuid, text) from public;
grant execute on function cases_chain_grant(uuid, text) to ${app_role};

-- The session's country's own grant of a case as it stands through its chain, if live now; no row otherwise.
-- Runs the chain as the table owner (a partner cannot see the grants above its own) and answers for the
-- session's country only.
create function cases_my_grant(p_case uuid)
    returns table (handling_code text, expire_time timestamptz)
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select g.handling_code, g.expire_time
      from public.cases_chain_grant(p_case, current_setting('chainbreaker.tenant', true)) g
     where g.expire_time is null or g.expire_time > now()
$$;
revoke all on function cases_my_grant(uuid) from public;
grant execute on function cases_my_grant(uuid) to ${app_role};

-- Its effective handling code alone (null: no live grant), for the policies: a plain function call, no sub-query,
-- so that a policy of case_shares asking it does not look recursive to PostgreSQL.
create function cases_my_code(p_case uuid) returns text
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select g.handling_code from public.cases_my_grant(p_case) g
$$;
revoke all on function cases_my_code(uuid) from public;
grant execute on function cases_my_code(uuid) to ${app_role};

-- A receiving country sees its grant only while the whole chain is live (a grant made by the owner is its own
-- chain: no function call for it). Every policy that asks case_shares (cases, leads, findings, events) follows.
drop policy shares_visible on case_shares;
create policy shares_visible on case_shares for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (country = current_setting('chainbreaker.tenant', true)
               and (expire_time is null or expire_time > now())
               and (granted_by_country = owner_country or cases_my_code(case_id) is not null)));

-- Policies that depend on the handling code use the effective one.
drop policy persons_visible on case_persons;
create policy persons_visible on case_persons for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (case_persons.role = 'SUSPECT' and cases_my_code(case_id) is not null)
           or cases_my_code(case_id) in ('H0', 'H1'));

drop policy contacts_visible on case_person_contacts;
create policy contacts_visible on case_person_contacts for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (case_person_contacts.role = 'SUSPECT' and cases_my_code(case_id) is not null)
           or (cases_my_code(case_id) in ('H0', 'H1')
               and exists (select 1 from case_shares s
                            where s.case_id = case_person_contacts.case_id
                              and s.country = current_setting('chainbreaker.tenant', true)
                              and s.victim_contacts)));

drop policy analyses_visible on case_analyses;
create policy analyses_visible on case_analyses for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or assigned_country = current_setting('chainbreaker.tenant', true)
           or cases_my_code(case_id) in ('H0', 'H1', 'H2'));

-- ---------------------------------------------------------------------------------------------
-- Passing a case on: judged on the effective grant of the session's country.
-- ---------------------------------------------------------------------------------------------
-- Whether the session's country holds a live grant of the case (of this owner) that allows passing it on, no
-- stricter than the requested code, lasting at least as long as the requested expiry (null: no expiry).
create function cases_may_pass_on_now(p_case uuid, p_owner text, p_code text, p_expire timestamptz)
    returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from public.cases c where c.id = p_case and c.owner_country = p_owner)
       and exists (select 1 from public.cases_my_grant(p_case) g
                    where g.handling_code in ('H0', 'H1')
                      and g.handling_code <= p_code
                      and (g.expire_time is null or (p_expire is not null and p_expire <= g.expire_time)))
$$;
revoke all on function cases_may_pass_on_now(uuid, text, text, timestamptz) from public;
grant execute on function cases_may_pass_on_now(uuid, text, text, timestamptz) to ${app_role};

create or replace function cases_pass_case_on(p_case uuid, p_owner text, p_country text, p_code text, p_by text,
                                              p_time timestamptz, p_expire timestamptz) returns boolean
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with granted as (
        insert into public.case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                        victim_contacts, expire_time, granted_by_country)
        select p_case, p_owner, p_country, p_code, p_by, p_time, false, p_expire,
               current_setting('chainbreaker.tenant', true)
         where p_country <> p_owner
           and p_country <> current_setting('chainbreaker.tenant', true)
           and public.cases_may_pass_on_now(p_case, p_owner, p_code, p_expire)
        on conflict (case_id, country) do nothing
        returning 1)
    select exists (select 1 from granted)
$$;

drop policy shares_passed_on on case_shares;
create policy shares_passed_on on case_shares for insert
    with check (granted_by_country = current_setting('chainbreaker.tenant', true)
                and country <> owner_country
                and cases_may_pass_on_now(case_id, owner_country, handling_code, expire_time));

-- The old check took the tenant as a parameter; nothing uses it any more.
drop function if exists cases_may_pass_on(uuid, text, text, text, timestamptz);

-- Scam reports are addressed to the partners of matching cases: only grants live through their whole chain.
create or replace function cases_identifier_audience(p_values text[])
    returns table (country text)
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select c.owner_country
      from public.case_leads l join public.cases c on c.id = l.case_id
     where l.normalized_value = any(p_values)
    union
    select s.country
      from public.case_leads l join public.case_shares s on s.case_id = l.case_id
     where l.normalized_value = any(p_values)
       and exists (select 1 from public.cases_chain_grant(s.case_id, s.country) g
                    where g.expire_time is null or g.expire_time > now())
$$;

-- ---------------------------------------------------------------------------------------------
-- Leads handed on keep their status, and only as they stood when the hand-over was decided.
-- ---------------------------------------------------------------------------------------------
drop function if exists cases_pass_lead_on(uuid, text, text, timestamptz);
create function cases_pass_lead_on(p_lead uuid, p_country text, p_code text, p_status text, p_now timestamptz)
    returns boolean
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with passed as (
        update public.case_leads
           set assigned_country = p_country, assign_handling = p_code, version = version + 1, update_time = p_now
         where id = p_lead
           and assigned_country = current_setting('chainbreaker.tenant', true)
           and status = p_status
           and status not in ('CONFIRMED', 'DISMISSED')
           and assign_handling in ('H0', 'H1')
           and p_code >= assign_handling
           and p_country <> owner_country
           and p_country <> assigned_country
        returning 1)
    select exists (select 1 from passed)
$$;
revoke all on function cases_pass_lead_on(uuid, text, text, text, timestamptz) from public;
grant execute on function cases_pass_lead_on(uuid, text, text, text, timestamptz) to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Lock, then read: the assignee of a technical analysis may not update its row (owner-only update policy), so
-- it locks it through this function before deciding on a hand-over. Locks only for the session's country as
-- owner or assignee; true if locked.
-- ---------------------------------------------------------------------------------------------
create function cases_lock_analysis(p_analysis uuid) returns boolean
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with locked as (
        select 1 from public.case_analyses a
         where a.id = p_analysis
           and (a.owner_country = current_setting('chainbreaker.tenant', true)
                or a.assigned_country = current_setting('chainbreaker.tenant', true))
           for update)
    select exists (select 1 from locked)
$$;
revoke all on function cases_lock_analysis(uuid) from public;
grant execute on function cases_lock_analysis(uuid) to ${app_role};

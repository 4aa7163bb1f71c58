-- Shares that expire, onward sharing by a receiving country, shares to every member of an operation, and
-- idempotent lead creation.
--
--   * An expired share grants nothing: the receiving country's view of case_shares hides it (policy below), and
--     every other policy asks case_shares under that policy, so cases, leads, persons, contacts and events behave
--     at once exactly as if there were no share, even for a query that forgets to say so.
--   * A receiving country may pass a case on only under H0 or H1, never under a code less strict than its own,
--     and never for longer than its own grant lasts; the database checks this again (shares_passed_on policy).
--     Onward grants never replace an existing grant, and revoking a grant revokes those made through it.
--   * A share made for an operation names it; it expires when the operation ends.

alter table case_shares add column expire_time timestamptz;
-- The country that made the grant: the owner, or a partner passing the case on.
alter table case_shares add column granted_by_country text;
update case_shares set granted_by_country = owner_country;
alter table case_shares alter column granted_by_country set not null;
alter table case_shares add column operation_id uuid;
alter table case_shares add column operation_name text;

create index case_shares_by_granter on case_shares (case_id, granted_by_country);

drop policy shares_visible on case_shares;
create policy shares_visible on case_shares for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (country = current_setting('chainbreaker.tenant', true)
               and (expire_time is null or expire_time > now())));

-- Whether the tenant holds a live grant of the case under a code that allows passing it on, no stricter than the
-- requested one, lasting at least as long as the requested expiry (null: no expiry).
create function cases_may_pass_on(p_case uuid, p_owner text, p_tenant text, p_code text, p_expire timestamptz)
    returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from case_shares s
                    where s.case_id = p_case and s.owner_country = p_owner and s.country = p_tenant
                      and (s.expire_time is null or s.expire_time > now())
                      and s.handling_code in ('H0', 'H1')
                      and s.handling_code <= p_code
                      and (s.expire_time is null or (p_expire is not null and p_expire <= s.expire_time)))
$$;
revoke all on function cases_may_pass_on(uuid, text, text, text, timestamptz) from public;
grant execute on function cases_may_pass_on(uuid, text, text, text, timestamptz) to ${app_role};

-- The onward grant itself. An onward grant never replaces an existing one, but the partner cannot see other
-- countries' grants (nor may it: an upsert would need to), so it is made through this narrow function, which
-- checks the rule above and inserts only if that country has no grant yet. True if a grant was made.
create function cases_pass_case_on(p_case uuid, p_owner text, p_country text, p_code text, p_by text,
                                   p_time timestamptz, p_expire timestamptz) returns boolean
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    with granted as (
        insert into case_shares (case_id, owner_country, country, handling_code, shared_by, share_time,
                                 victim_contacts, expire_time, granted_by_country)
        select p_case, p_owner, p_country, p_code, p_by, p_time, false, p_expire,
               current_setting('chainbreaker.tenant', true)
         where p_country <> p_owner
           and p_country <> current_setting('chainbreaker.tenant', true)
           and cases_may_pass_on(p_case, p_owner, current_setting('chainbreaker.tenant', true), p_code, p_expire)
        on conflict (case_id, country) do nothing
        returning 1)
    select exists (select 1 from granted)
$$;
revoke all on function cases_pass_case_on(uuid, text, text, text, text, timestamptz, timestamptz) from public;
grant execute on function cases_pass_case_on(uuid, text, text, text, text, timestamptz, timestamptz) to ${app_role};

-- The same rule for a direct insert by the application role (a backstop: the service uses the function above).
create policy shares_passed_on on case_shares for insert
    with check (granted_by_country = current_setting('chainbreaker.tenant', true)
                and country <> owner_country
                and cases_may_pass_on(case_id, owner_country, current_setting('chainbreaker.tenant', true),
                                      handling_code, expire_time));

-- Scam reports are addressed to the partners of matching cases: only live grants count.
create or replace function cases_identifier_audience(p_values text[])
    returns table (country text)
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select c.owner_country
      from case_leads l join cases c on c.id = l.case_id
     where l.normalized_value = any(p_values)
    union
    select s.country
      from case_leads l join case_shares s on s.case_id = l.case_id
     where l.normalized_value = any(p_values)
       and (s.expire_time is null or s.expire_time > now())
$$;

-- ---------------------------------------------------------------------------------------------
-- Onward assignment of leads: the assigned country may hand a lead on to another country if its own assignment
-- is H0 or H1, and never under a less strict code; everything else about the lead stays the owner's.
-- ---------------------------------------------------------------------------------------------
create or replace function case_leads_assignee_changes_status_only() returns trigger
    language plpgsql
    set search_path = public, pg_catalog
as $$
begin
    if old.owner_country is distinct from current_setting('chainbreaker.tenant', true) then
        if (new.case_id, new.owner_country, new.kind, new.value, new.normalized_value, new.description,
            new.create_time, new.request_id)
           is distinct from
           (old.case_id, old.owner_country, old.kind, old.value, old.normalized_value, old.description,
            old.create_time, old.request_id) then
            raise exception 'the assigned country may change only the status of a lead' using errcode = '42501';
        end if;
        if (new.assigned_country, new.assign_handling) is distinct from (old.assigned_country, old.assign_handling)
           and (old.assign_handling not in ('H0', 'H1')
                or new.assign_handling is null or new.assign_handling < old.assign_handling
                or new.assigned_country is null or new.assigned_country = new.owner_country) then
            raise exception 'the assigned country may pass a lead on only under H0 or H1, never less strictly'
                using errcode = '42501';
        end if;
    end if;
    return new;
end
$$;

-- The hand-over itself: the update policy lets a row be written only by its owner or assignee, which the new
-- assignee is not yet, so the assigned country passes the lead on through this one narrow function (the trigger
-- above still applies). True if the lead was passed on.
create function cases_pass_lead_on(p_lead uuid, p_country text, p_code text, p_now timestamptz) returns boolean
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    with passed as (
        update case_leads
           set assigned_country = p_country, assign_handling = p_code, status = 'ASSIGNED',
               version = version + 1, update_time = p_now
         where id = p_lead
           and assigned_country = current_setting('chainbreaker.tenant', true)
           and assign_handling in ('H0', 'H1')
           and p_code >= assign_handling
           and p_country <> owner_country
           and p_country <> assigned_country
        returning 1)
    select exists (select 1 from passed)
$$;
revoke all on function cases_pass_lead_on(uuid, text, text, timestamptz) from public;
grant execute on function cases_pass_lead_on(uuid, text, text, timestamptz) to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Idempotent lead creation: the key is scoped to the owner, so another country's key never collides.
-- ---------------------------------------------------------------------------------------------
alter table case_leads add column request_id text;
alter table case_leads add constraint case_leads_request_unique unique (owner_country, request_id);

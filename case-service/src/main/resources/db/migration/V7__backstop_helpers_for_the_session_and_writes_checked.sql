-- The database backstop, attacked alone (issue 19), for the case-service:
--
--   * every SECURITY DEFINER function searches pg_catalog, public, then pg_temp (never the caller's temporary
--     objects first);
--   * the yes/no helpers the policies call take the tenant as a parameter; like the fugitive-service's (its V2) they
--     now answer only for the session's country, so a query the application role was tricked into running cannot
--     ask about another country's records;
--   * every insert and update policy checks that the row belongs to a record the session's country owns (a share,
--     contact, finding, identifier or recipient pointing at another country's record was accepted as long as the
--     row named the session as its owner: a scam-centre share row for a centre the tenant does not own, recipients
--     added to another country's scam report, a share or lead moved onto another country's case);
--   * events: appended under the session's country, or about a record the session sees, to that record's owner;
--     never about a record it does not see. Checks that hit a case it does not see are announced to the owner through
--     cases_announce_identifier_checks, which appends only for real hits.

do $$
declare
    f regprocedure;
begin
    for f in select p.oid from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef loop
        execute format('alter function %s set search_path = pg_catalog, public, pg_temp', f);
    end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Helpers: only for the session's country.
-- ---------------------------------------------------------------------------------------------
create or replace function cases_lead_assigned(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from case_leads where case_id = p_case and assigned_country = p_tenant)
$$;

create or replace function cases_owns(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from cases where id = p_case and owner_country = p_tenant)
$$;

create or replace function cases_report_concerns(p_report uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from scam_report_recipients where report_id = p_report and country = p_tenant)
$$;

create or replace function cases_analysis_assigned(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from case_analyses where case_id = p_case and assigned_country = p_tenant)
$$;

create or replace function cases_may_pass_on(p_case uuid, p_owner text, p_tenant text, p_code text,
                                             p_expire timestamptz)
    returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from case_shares s
                    where s.case_id = p_case and s.owner_country = p_owner and s.country = p_tenant
                      and (s.expire_time is null or s.expire_time > now())
                      and s.handling_code in ('H0', 'H1')
                      and s.handling_code <= p_code
                      and (s.expire_time is null or (p_expire is not null and p_expire <= s.expire_time)))
$$;

-- Whether the session's country owns the scam centre (the shares policies ask it: reading scam_centres from them
-- would recurse through the centres policy back into the shares).
create function cases_owns_centre(p_centre uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from scam_centres
                    where id = p_centre and owner_country = current_setting('chainbreaker.tenant', true))
$$;
revoke all on function cases_owns_centre(uuid) from public;
grant execute on function cases_owns_centre(uuid) to ${app_role};

comment on function cases_identifier_hits(text) is
    'Hit/no-hit: owner and reference of every case holding the identifier, nothing else [backstop: cross-tenant]';
comment on function cases_identifier_audience(text[]) is
    'The countries concerned by cases holding the identifiers (owners and live share partners), to address a scam '
    'report; country codes only, never shown to the reporter [backstop: cross-tenant]';

-- ---------------------------------------------------------------------------------------------
-- Writes: the row belongs to a record the session's country owns (or, for findings, works as assignee).
-- ---------------------------------------------------------------------------------------------
drop policy shares_changed_by_owner on case_shares;
create policy shares_changed_by_owner on case_shares for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));

drop policy leads_changed_by_owner_or_assignee on case_leads;
create policy leads_changed_by_owner_or_assignee on case_leads for update
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or assigned_country = current_setting('chainbreaker.tenant', true))
    with check ((owner_country = current_setting('chainbreaker.tenant', true)
                 and cases_owns(case_id, current_setting('chainbreaker.tenant', true)))
                or assigned_country = current_setting('chainbreaker.tenant', true));

drop policy findings_added_by_owner_or_assignee on lead_findings;
create policy findings_added_by_owner_or_assignee on lead_findings for insert
    with check (author_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from case_leads l
                            where l.id = lead_findings.lead_id
                              and l.owner_country = lead_findings.owner_country
                              and (l.owner_country = current_setting('chainbreaker.tenant', true)
                                   or l.assigned_country = current_setting('chainbreaker.tenant', true))));

drop policy contacts_added_by_owner on case_person_contacts;
create policy contacts_added_by_owner on case_person_contacts for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from case_persons p
                            where p.id = case_person_contacts.person_id
                              and p.case_id = case_person_contacts.case_id
                              and p.role = case_person_contacts.role
                              and p.owner_country = current_setting('chainbreaker.tenant', true)));

drop policy report_identifiers_filed_by_reporter on scam_report_identifiers;
create policy report_identifiers_filed_by_reporter on scam_report_identifiers for insert
    with check (reporting_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from scam_reports r
                            where r.id = scam_report_identifiers.report_id
                              and r.reporting_country = current_setting('chainbreaker.tenant', true)));

drop policy recipients_added_by_reporter on scam_report_recipients;
create policy recipients_added_by_reporter on scam_report_recipients for insert
    with check (reporting_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from scam_reports r
                            where r.id = scam_report_recipients.report_id
                              and r.reporting_country = current_setting('chainbreaker.tenant', true)));

drop policy centre_shares_granted_by_owner on scam_centre_shares;
create policy centre_shares_granted_by_owner on scam_centre_shares for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true) and cases_owns_centre(centre_id));
drop policy centre_shares_changed_by_owner on scam_centre_shares;
create policy centre_shares_changed_by_owner on scam_centre_shares for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true) and cases_owns_centre(centre_id));

drop policy analyses_changed_by_owner on case_analyses;
create policy analyses_changed_by_owner on case_analyses for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------
-- About a record of another country the session sees (a partner or assignee acting on it): to that record's owner.
create policy case_events_to_the_record_owner on outbox_events for insert
    with check (case record_type
                  when 'case' then exists (select 1 from cases c where c.id = outbox_events.record_id::uuid
                                              and c.owner_country = outbox_events.owner_country)
                  when 'lead' then exists (select 1 from case_leads l where l.id = outbox_events.record_id::uuid
                                              and l.owner_country = outbox_events.owner_country)
                  when 'scam_centre' then exists (select 1 from scam_centres c where c.id = outbox_events.record_id::uuid
                                                     and c.owner_country = outbox_events.owner_country)
                  when 'technical_analysis' then exists (select 1 from case_analyses a
                                                            where a.id = outbox_events.record_id::uuid
                                                              and a.owner_country = outbox_events.owner_country)
                  else false
                end);
-- Whoever appends an event about a record must see that record; hits on cases the caller does not see are
-- announced only through cases_announce_identifier_checks.
create policy case_events_about_visible_records on outbox_events as restrictive for insert
    with check (case record_type
                  when 'case' then exists (select 1 from cases c where c.id = outbox_events.record_id::uuid)
                  when 'lead' then exists (select 1 from case_leads l where l.id = outbox_events.record_id::uuid)
                  when 'scam_centre' then exists (select 1 from scam_centres c where c.id = outbox_events.record_id::uuid)
                  when 'technical_analysis' then exists (select 1 from case_analyses a
                                                            where a.id = outbox_events.record_id::uuid)
                  when 'scam_report' then exists (select 1 from scam_reports r where r.id = outbox_events.record_id::uuid)
                  when 'case_reference' then false
                  else true
                end);

-- Tells the owners of cases hit by an identifier check (given as owner/reference pairs) that the session's country
-- checked: one event per pair that really is a hit of p_value, nothing for any other pair. Returns nothing.
create function cases_announce_identifier_checks(p_value text, p_owners text[], p_references text[],
                                                 p_actor_user text)
    returns void
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    insert into outbox_events (occur_time, owner_country, record_type, record_id, event_type, actor_user)
    select now(), h.owner_country, 'case_reference', h.reference, 'case.identifier_checked', p_actor_user
      from (select distinct owner_country, reference from unnest(p_owners, p_references) a(owner_country, reference)) a
      join cases_identifier_hits(p_value) h on h.owner_country = a.owner_country and h.reference = a.reference
     where current_setting('chainbreaker.tenant', true) is not null
$$;
revoke all on function cases_announce_identifier_checks(text, text[], text[], text) from public;
grant execute on function cases_announce_identifier_checks(text, text[], text[], text) to ${app_role};

-- Operation tags; leads and their findings; persons (suspects, victims) with protected contacts; scam reports and
-- the countries they concern. Visibility rules (the service applies the same ones, these are the backstop):
--
--   * a case: its owner, every country it is shared with, and every country one of its leads is assigned to
--     (that country gets the header only: the service withholds summary, shares, other leads and persons);
--   * a lead: the owner, the countries the case is shared with, the country it is assigned to;
--   * a person: the owner; a share partner sees suspects, and victims only under H0/H1 (the service further
--     requires the investigator or liaison role); a victim's contact only where the share discloses contacts;
--   * a scam report: the reporting country and the countries it concerns.
--
-- Questions that look across tables are asked through SECURITY DEFINER functions owned by the table owner, so no
-- policy recurses into itself. For those functions to see past the policies, row-level security is enabled but no
-- longer forced on the tables they read: the application role, which owns nothing, is always subject to it.

alter table cases add column operation_tags text[] not null default '{}';
alter table case_shares add column victim_contacts boolean not null default false;

alter table cases no force row level security;
alter table case_shares no force row level security;
alter table case_reference_counters no force row level security;

create index cases_by_tag on cases using gin (operation_tags);

-- ---------------------------------------------------------------------------------------------
-- Leads
-- ---------------------------------------------------------------------------------------------
create table case_leads (
    id                  uuid        primary key,
    case_id             uuid        not null references cases (id) on delete cascade,
    -- Copied from the case so that this table's policies need not read cases.
    owner_country       text        not null,
    kind                text        not null check (kind in ('PERSON', 'PHONE_NUMBER', 'BANK_ACCOUNT', 'CRYPTO_WALLET',
                                                             'WEBSITE', 'APP', 'LOCATION', 'OTHER')),
    value               text        not null,
    -- The normalised identifier for identifier kinds (e.g. 'phone:+66812345678'), null otherwise.
    normalized_value    text,
    description         text        not null default '',
    status              text        not null check (status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'CONFIRMED', 'DISMISSED')),
    assigned_country    text,
    assign_handling     text        check (assign_handling in ('H0', 'H1', 'H2', 'H3')),
    version             bigint      not null default 1,
    create_time         timestamptz not null,
    update_time         timestamptz not null,
    constraint case_leads_assignment check ((assigned_country is null) = (assign_handling is null))
);

create index case_leads_by_case on case_leads (case_id, create_time, id);
create index case_leads_by_assignee on case_leads (assigned_country, case_id) where assigned_country is not null;
create index case_leads_by_identifier on case_leads (normalized_value) where normalized_value is not null;

create table lead_findings (
    id              uuid        primary key,
    lead_id         uuid        not null references case_leads (id) on delete cascade,
    owner_country   text        not null,
    author_country  text        not null,
    author_user     text        not null,
    text            text        not null,
    create_time     timestamptz not null
);

create index lead_findings_by_lead on lead_findings (lead_id, create_time);

-- ---------------------------------------------------------------------------------------------
-- Persons
-- ---------------------------------------------------------------------------------------------
create table case_persons (
    id              uuid        primary key,
    case_id         uuid        not null references cases (id) on delete cascade,
    owner_country   text        not null,
    role            text        not null check (role in ('SUSPECT', 'VICTIM')),
    full_name       text        not null,
    nationality     text        not null default '',
    birth_year      int,
    description     text        not null default '',
    create_time     timestamptz not null
);

create index case_persons_by_case on case_persons (case_id, create_time, id);

-- Contacts live apart from the person, so that the database itself withholds them where the share does not
-- disclose them.
create table case_person_contacts (
    person_id       uuid        primary key references case_persons (id) on delete cascade,
    case_id         uuid        not null references cases (id) on delete cascade,
    owner_country   text        not null,
    role            text        not null,
    contact         text        not null
);

-- ---------------------------------------------------------------------------------------------
-- Scam reports
-- ---------------------------------------------------------------------------------------------
create table scam_reports (
    id                  uuid        primary key,
    reporting_country   text        not null,
    channel             text        not null,
    method              text        not null,
    amount_currency     text,
    amount_units        bigint,
    amount_nanos        int,
    narrative           text        not null default '',
    request_id          text,
    report_time         timestamptz not null,
    constraint scam_reports_request_unique unique (reporting_country, request_id)
);

create index scam_reports_by_reporter on scam_reports (reporting_country, report_time desc, id desc);

create table scam_report_identifiers (
    report_id           uuid        not null references scam_reports (id) on delete cascade,
    position            int         not null,
    reporting_country   text        not null,
    kind                text        not null,
    value               text        not null,
    normalized_value    text        not null,
    primary key (report_id, position)
);

create index scam_report_identifiers_by_value on scam_report_identifiers (normalized_value);

-- The countries a report concerns, fixed when it is registered.
create table scam_report_recipients (
    report_id           uuid        not null references scam_reports (id) on delete cascade,
    reporting_country   text        not null,
    country             text        not null,
    primary key (report_id, country)
);

create index scam_report_recipients_by_country on scam_report_recipients (country, report_id);

-- ---------------------------------------------------------------------------------------------
-- Yes/no questions the policies ask across tables (SECURITY DEFINER, one narrow answer each).
-- ---------------------------------------------------------------------------------------------
-- Whether one of the case's leads is assigned to the tenant.
create function cases_lead_assigned(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from case_leads where case_id = p_case and assigned_country = p_tenant)
$$;

-- Whether the tenant owns the case.
create function cases_owns(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from cases where id = p_case and owner_country = p_tenant)
$$;

-- Whether the tenant is concerned by a scam report.
create function cases_report_concerns(p_report uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from scam_report_recipients where report_id = p_report and country = p_tenant)
$$;

-- ---------------------------------------------------------------------------------------------
-- Cross-tenant functions: each answers one narrow question and returns nothing of the records.
-- ---------------------------------------------------------------------------------------------
-- Hit/no-hit for a normalised identifier over every country's cases: only owner and reference.
create function cases_identifier_hits(p_value text)
    returns table (owner_country text, reference text)
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select distinct c.owner_country, c.reference
      from case_leads l
      join cases c on c.id = l.case_id
     where l.normalized_value = p_value
     order by 1, 2
$$;

-- The countries concerned by cases holding any of the identifiers: their owners and share partners. Only country
-- codes; used to address a scam report, never shown to the reporter.
create function cases_identifier_audience(p_values text[])
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
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
alter table case_leads enable row level security;
alter table lead_findings enable row level security;
alter table case_persons enable row level security;
alter table case_person_contacts enable row level security;
alter table scam_reports enable row level security;
alter table scam_report_identifiers enable row level security;
alter table scam_report_recipients enable row level security;

-- Cases: also visible (as a header, the service withholds the rest) to the countries a lead is assigned to.
drop policy cases_visible on cases;
create policy cases_visible on cases for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = cases.id
                        and s.country = current_setting('chainbreaker.tenant', true))
           or cases_lead_assigned(id, current_setting('chainbreaker.tenant', true)));

create policy leads_visible on case_leads for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or assigned_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = case_leads.case_id
                        and s.country = current_setting('chainbreaker.tenant', true)));
create policy leads_added_by_owner on case_leads for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));
-- The owner changes its leads; the assigned country may change them too, but only their status (trigger below).
create policy leads_changed_by_owner_or_assignee on case_leads for update
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or assigned_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                or assigned_country = current_setting('chainbreaker.tenant', true));

create function case_leads_assignee_changes_status_only() returns trigger
    language plpgsql
    set search_path = public, pg_catalog
as $$
begin
    if old.owner_country is distinct from current_setting('chainbreaker.tenant', true)
       and (new.case_id, new.owner_country, new.kind, new.value, new.normalized_value, new.description,
            new.assigned_country, new.assign_handling, new.create_time)
           is distinct from
           (old.case_id, old.owner_country, old.kind, old.value, old.normalized_value, old.description,
            old.assigned_country, old.assign_handling, old.create_time) then
        raise exception 'the assigned country may change only the status of a lead' using errcode = '42501';
    end if;
    return new;
end
$$;

create trigger case_leads_guard before update on case_leads
    for each row execute function case_leads_assignee_changes_status_only();

-- Findings: whoever sees the lead (the subquery runs under the leads policy); written by the owner or assignee.
create policy findings_visible on lead_findings for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_leads l where l.id = lead_findings.lead_id));
create policy findings_added_by_owner_or_assignee on lead_findings for insert
    with check (author_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from case_leads l
                            where l.id = lead_findings.lead_id
                              and (l.owner_country = current_setting('chainbreaker.tenant', true)
                                   or l.assigned_country = current_setting('chainbreaker.tenant', true))));

create policy persons_visible on case_persons for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = case_persons.case_id
                        and s.country = current_setting('chainbreaker.tenant', true)
                        and (case_persons.role = 'SUSPECT' or s.handling_code in ('H0', 'H1'))));
create policy persons_added_by_owner on case_persons for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));

create policy contacts_visible on case_person_contacts for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = case_person_contacts.case_id
                        and s.country = current_setting('chainbreaker.tenant', true)
                        and (case_person_contacts.role = 'SUSPECT'
                             or (s.handling_code in ('H0', 'H1') and s.victim_contacts))));
create policy contacts_added_by_owner on case_person_contacts for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));

create policy scam_reports_visible on scam_reports for select
    using (reporting_country = current_setting('chainbreaker.tenant', true)
           or cases_report_concerns(id, current_setting('chainbreaker.tenant', true)));
create policy scam_reports_filed_by_reporter on scam_reports for insert
    with check (reporting_country = current_setting('chainbreaker.tenant', true));

create policy report_identifiers_visible on scam_report_identifiers for select
    using (reporting_country = current_setting('chainbreaker.tenant', true)
           or cases_report_concerns(report_id, current_setting('chainbreaker.tenant', true)));
create policy report_identifiers_filed_by_reporter on scam_report_identifiers for insert
    with check (reporting_country = current_setting('chainbreaker.tenant', true));

-- Recipients: the reporter addresses its reports; a recipient sees only that it is one.
create policy recipients_visible on scam_report_recipients for select
    using (reporting_country = current_setting('chainbreaker.tenant', true)
           or country = current_setting('chainbreaker.tenant', true));
create policy recipients_added_by_reporter on scam_report_recipients for insert
    with check (reporting_country = current_setting('chainbreaker.tenant', true));

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------
create policy lead_events_visible on outbox_events for select
    using (record_type = 'lead'
           and exists (select 1 from case_leads l where l.id = outbox_events.record_id::uuid));
-- Checks that hit a case are told to its owner only (the record id is the case reference).
create policy check_events_visible on outbox_events for select
    using (record_type = 'case_reference' and owner_country = current_setting('chainbreaker.tenant', true));
create policy scam_report_events_visible on outbox_events for select
    using (record_type = 'scam_report'
           and exists (select 1 from scam_reports r where r.id = outbox_events.record_id::uuid));

revoke all on function cases_lead_assigned(uuid, text) from public;
revoke all on function cases_owns(uuid, text) from public;
revoke all on function cases_report_concerns(uuid, text) from public;
revoke all on function cases_identifier_hits(text) from public;
revoke all on function cases_identifier_audience(text[]) from public;
grant execute on function cases_lead_assigned(uuid, text) to ${app_role};
grant execute on function cases_owns(uuid, text) to ${app_role};
grant execute on function cases_report_concerns(uuid, text) to ${app_role};
grant execute on function cases_identifier_hits(text) to ${app_role};
grant execute on function cases_identifier_audience(text[]) to ${app_role};

grant select, insert, update on case_leads to ${app_role};
grant select, insert on lead_findings to ${app_role};
grant select, insert on case_persons to ${app_role};
grant select, insert on case_person_contacts to ${app_role};
grant select, insert on scam_reports to ${app_role};
grant select, insert on scam_report_identifiers to ${app_role};
grant select, insert on scam_report_recipients to ${app_role};

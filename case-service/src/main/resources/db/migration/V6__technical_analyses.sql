-- Technical analyses of the tools scammers use, attached to cases. Visible to the case's owner, to the countries
-- the case is shared with under H0, H1 or H2 (live grants only: the subquery runs under the shares policy), and to
-- the country an analysis is assigned to, which also sees the case's header (like a lead's assignee).

create table case_analyses (
    id                  uuid        primary key,
    case_id             uuid        not null references cases (id) on delete cascade,
    owner_country       text        not null,
    author_user         text        not null,
    kind                text        not null check (kind in ('DEEPFAKE_TOOL', 'FAKE_INVESTMENT_APP', 'MALWARE',
                                                             'PHISHING_KIT', 'SCAM_SCRIPT', 'OTHER')),
    title               text        not null,
    tool_name           text        not null default '',
    description         text        not null default '',
    hashes              text[]      not null default '{}',
    urls                text[]      not null default '{}',
    assigned_country    text,
    assign_handling     text        check (assign_handling in ('H0', 'H1', 'H2', 'H3')),
    version             bigint      not null default 1,
    request_id          text,
    create_time         timestamptz not null,
    update_time         timestamptz not null,
    constraint case_analyses_assignment check ((assigned_country is null) = (assign_handling is null)),
    constraint case_analyses_request_unique unique (owner_country, request_id)
);

create index case_analyses_by_case on case_analyses (case_id, create_time, id);
create index case_analyses_by_assignee on case_analyses (assigned_country, case_id) where assigned_country is not null;
create index case_analyses_by_hash on case_analyses using gin (hashes);

-- Whether one of the case's analyses is assigned to the tenant (asked by the cases policy without recursion).
create function cases_analysis_assigned(p_case uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from case_analyses where case_id = p_case and assigned_country = p_tenant)
$$;
revoke all on function cases_analysis_assigned(uuid, text) from public;
grant execute on function cases_analysis_assigned(uuid, text) to ${app_role};

drop policy cases_visible on cases;
create policy cases_visible on cases for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = cases.id
                        and s.country = current_setting('chainbreaker.tenant', true))
           or cases_lead_assigned(id, current_setting('chainbreaker.tenant', true))
           or cases_analysis_assigned(id, current_setting('chainbreaker.tenant', true)));

alter table case_analyses enable row level security;

create policy analyses_visible on case_analyses for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or assigned_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = case_analyses.case_id
                        and s.country = current_setting('chainbreaker.tenant', true)
                        and s.handling_code in ('H0', 'H1', 'H2')));
create policy analyses_written_by_owner on case_analyses for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));
create policy analyses_changed_by_owner on case_analyses for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

-- The assigned country hands an analysis on as it may a lead: only if its own assignment is H0 or H1, never under a
-- less strict code; the update policy admits only the owner, so this narrow function does it. True if passed on.
create function cases_pass_analysis_on(p_analysis uuid, p_country text, p_code text, p_now timestamptz)
    returns boolean
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    with passed as (
        update case_analyses
           set assigned_country = p_country, assign_handling = p_code, version = version + 1, update_time = p_now
         where id = p_analysis
           and assigned_country = current_setting('chainbreaker.tenant', true)
           and assign_handling in ('H0', 'H1')
           and p_code >= assign_handling
           and p_country <> owner_country
           and p_country <> assigned_country
        returning 1)
    select exists (select 1 from passed)
$$;
revoke all on function cases_pass_analysis_on(uuid, text, text, timestamptz) from public;
grant execute on function cases_pass_analysis_on(uuid, text, text, timestamptz) to ${app_role};

create policy analysis_events_visible on outbox_events for select
    using (record_type = 'technical_analysis'
           and exists (select 1 from case_analyses a where a.id = outbox_events.record_id::uuid));

grant select, insert, update on case_analyses to ${app_role};

-- The header-only view of a case, enforced by row-level security itself. A country one of whose leads or
-- technical analyses is assigned to it, without a share of the case, sees the case's row (its header: reference,
-- title, category, status, times, tags) but not its summary. A policy filters rows, not columns, so the summary
-- moves into a table of its own whose policy admits only the owner and the countries holding a live grant (the
-- sub-query runs under case_shares' policy, which follows grant chains and expiry); the service's own withholding
-- (Case.header()) stays as the second line.
create table case_summaries (
    case_id        uuid primary key references cases (id) on delete cascade,
    owner_country  text not null,
    summary        text not null default ''
);

insert into case_summaries (case_id, owner_country, summary) select id, owner_country, summary from cases;
alter table cases drop column summary;

alter table case_summaries enable row level security;
create policy summaries_visible on case_summaries for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                       where s.case_id = case_summaries.case_id
                         and s.country = current_setting('chainbreaker.tenant', true)));
create policy summaries_written_by_owner on case_summaries for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));
create policy summaries_changed_by_owner on case_summaries for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and cases_owns(case_id, current_setting('chainbreaker.tenant', true)));

revoke all on case_summaries from public;
grant select, insert, update on case_summaries to ${app_role};

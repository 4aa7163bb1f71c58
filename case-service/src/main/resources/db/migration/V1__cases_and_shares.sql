-- Cases and their grants to partner countries.
-- Visibility is enforced here a third time (after the gateway and the service): the application role is not
-- the owner of these tables, and every policy reads the transaction-local setting chainbreaker.tenant.

create table cases (
    id             uuid        primary key,
    owner_country  text        not null,
    reference      text        not null,
    title          text        not null,
    category       text        not null,
    status         text        not null,
    summary        text        not null default '',
    version        bigint      not null default 1,
    request_id     text,
    create_time    timestamptz not null,
    update_time    timestamptz not null,
    -- Uniqueness is scoped to the owner, so no conflict can reveal another country's case.
    constraint cases_reference_unique unique (owner_country, reference),
    constraint cases_request_unique unique (owner_country, request_id)
);

create index cases_by_owner on cases (owner_country, create_time desc, id desc);

create table case_shares (
    case_id        uuid        not null references cases (id) on delete cascade,
    -- Copied from the case so that the policies of this table need not read cases (no recursion).
    owner_country  text        not null,
    country        text        not null,
    handling_code  text        not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
    shared_by      text        not null,
    share_time     timestamptz not null,
    primary key (case_id, country)
);

create index case_shares_by_country on case_shares (country, case_id);

create table case_reference_counters (
    owner_country  text   not null,
    year           int    not null,
    last_value     bigint not null,
    primary key (owner_country, year)
);

alter table cases enable row level security;
alter table cases force row level security;
alter table case_shares enable row level security;
alter table case_shares force row level security;
alter table case_reference_counters enable row level security;
alter table case_reference_counters force row level security;

-- A case is visible to its owner and to every country it was shared with.
create policy cases_visible on cases for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from case_shares s
                      where s.case_id = cases.id
                        and s.country = current_setting('chainbreaker.tenant', true)));
create policy cases_opened_by_owner on cases for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy cases_changed_by_owner on cases for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

-- The owner sees all grants of its cases; a partner sees only the grant made to it.
create policy shares_visible on case_shares for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or country = current_setting('chainbreaker.tenant', true));
create policy shares_granted_by_owner on case_shares for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from cases c
                            where c.id = case_shares.case_id
                              and c.owner_country = current_setting('chainbreaker.tenant', true)));
create policy shares_changed_by_owner on case_shares for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy shares_revoked_by_owner on case_shares for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));

create policy counters_of_owner on case_reference_counters for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

grant select, insert, update on cases to ${app_role};
grant select, insert, update, delete on case_shares to ${app_role};
grant select, insert, update on case_reference_counters to ${app_role};

-- Scam centres: compounds where scams are run and people held. Visible to the owner and to the countries it shares
-- them with (same handling codes and expiry as cases; an expired grant gives nothing). Not to the host country by
-- the mere fact of hosting: the owner decides. Links to cases are seen only by a country that sees both ends.

create table scam_centres (
    id                  uuid        primary key,
    owner_country       text        not null,
    name                text        not null,
    country             text        not null,
    province            text        not null default '',
    city                text        not null default '',
    latitude            double precision check (latitude between -90 and 90),
    longitude           double precision check (longitude between -180 and 180),
    operating_group     text        not null default '',
    people_held         int         not null default 0 check (people_held >= 0),
    description         text        not null default '',
    version             bigint      not null default 1,
    request_id          text,
    create_time         timestamptz not null,
    update_time         timestamptz not null,
    constraint scam_centres_coordinates check ((latitude is null) = (longitude is null)),
    constraint scam_centres_request_unique unique (owner_country, request_id)
);

create index scam_centres_by_owner on scam_centres (owner_country, create_time desc, id desc);

create table scam_centre_shares (
    centre_id           uuid        not null references scam_centres (id) on delete cascade,
    owner_country       text        not null,
    country             text        not null,
    handling_code       text        not null check (handling_code in ('H0', 'H1', 'H2', 'H3')),
    shared_by           text        not null,
    share_time          timestamptz not null,
    expire_time         timestamptz,
    primary key (centre_id, country)
);

create index scam_centre_shares_by_country on scam_centre_shares (country, centre_id);

create table scam_centre_cases (
    centre_id           uuid        not null references scam_centres (id) on delete cascade,
    case_id             uuid        not null references cases (id) on delete cascade,
    -- The centre's owner, who made the link.
    owner_country       text        not null,
    linked_by           text        not null,
    link_time           timestamptz not null,
    primary key (centre_id, case_id)
);

alter table scam_centres enable row level security;
alter table scam_centre_shares enable row level security;
alter table scam_centre_cases enable row level security;

create policy centre_shares_visible on scam_centre_shares for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (country = current_setting('chainbreaker.tenant', true)
               and (expire_time is null or expire_time > now())));
create policy centre_shares_granted_by_owner on scam_centre_shares for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy centre_shares_changed_by_owner on scam_centre_shares for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy centre_shares_revoked_by_owner on scam_centre_shares for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));

-- The subquery runs under the shares policy above, so an expired or revoked grant gives nothing.
create policy centres_visible on scam_centres for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from scam_centre_shares s
                      where s.centre_id = scam_centres.id
                        and s.country = current_setting('chainbreaker.tenant', true)));
create policy centres_recorded_by_owner on scam_centres for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy centres_changed_by_owner on scam_centres for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

-- A link is seen by a country that sees both the centre and the case (both subqueries run under their policies).
create policy centre_cases_visible on scam_centre_cases for select
    using (exists (select 1 from scam_centres c where c.id = scam_centre_cases.centre_id)
           and exists (select 1 from cases k where k.id = scam_centre_cases.case_id));
create policy centre_cases_linked_by_owner on scam_centre_cases for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from scam_centres c where c.id = scam_centre_cases.centre_id
                              and c.owner_country = current_setting('chainbreaker.tenant', true))
                and exists (select 1 from cases k where k.id = scam_centre_cases.case_id));
create policy centre_cases_unlinked_by_owner on scam_centre_cases for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));

-- Events about scam centres: delivered to whoever sees the centre at the moment of delivery.
create policy scam_centre_events_visible on outbox_events for select
    using (record_type = 'scam_centre'
           and exists (select 1 from scam_centres c where c.id = outbox_events.record_id::uuid));

grant select, insert, update on scam_centres to ${app_role};
grant select, insert, update, delete on scam_centre_shares to ${app_role};
grant select, insert, delete on scam_centre_cases to ${app_role};

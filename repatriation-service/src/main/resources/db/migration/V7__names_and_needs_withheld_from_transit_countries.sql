-- What transit countries may not see, withheld by row-level security itself: a transit country sees the
-- repatriation, its persons' roles, nationalities, languages and travel documents, its legs and escorts (what the
-- logistics need), but not the persons' names and support needs nor the victim group's support needs. A policy
-- filters rows, not columns, so those values move into tables of their own whose policy admits whoever sees the
-- repatriation unless the session's country is one of its transit countries (the sub-query runs under the
-- repatriations policy). The service's own withholding (Repatriation.withheldForTransit) stays as the second line.
create table repatriation_person_identities (
    repatriation_id  uuid    not null,
    position         int     not null,
    full_name        text    not null,
    support_needs    text[]  not null,
    primary key (repatriation_id, position),
    foreign key (repatriation_id, position) references repatriation_persons (repatriation_id, position) on delete cascade
);

create table repatriation_victim_needs (
    repatriation_id  uuid    primary key references repatriations (id) on delete cascade,
    support_needs    text[]  not null
);

insert into repatriation_person_identities (repatriation_id, position, full_name, support_needs)
select repatriation_id, position, full_name, support_needs from repatriation_persons;
insert into repatriation_victim_needs (repatriation_id, support_needs)
select id, victim_support_needs from repatriations;

alter table repatriation_persons drop column full_name, drop column support_needs;
alter table repatriations drop column victim_support_needs;

alter table repatriation_person_identities enable row level security;
alter table repatriation_victim_needs enable row level security;

create policy identities_visible_except_in_transit on repatriation_person_identities for select
    using (exists (select 1 from repatriations r
                    where r.id = repatriation_person_identities.repatriation_id
                      and not (current_setting('chainbreaker.tenant', true) = any (r.transit_countries))));
create policy identities_written_by_parties on repatriation_person_identities for insert
    with check (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));
create policy identities_removed_by_parties on repatriation_person_identities for delete
    using (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

create policy victim_needs_visible_except_in_transit on repatriation_victim_needs for select
    using (exists (select 1 from repatriations r
                    where r.id = repatriation_victim_needs.repatriation_id
                      and not (current_setting('chainbreaker.tenant', true) = any (r.transit_countries))));
create policy victim_needs_written_by_parties on repatriation_victim_needs for insert
    with check (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

revoke all on repatriation_person_identities, repatriation_victim_needs from public;
grant select, insert, delete on repatriation_person_identities to ${app_role};
grant select, insert on repatriation_victim_needs to ${app_role};

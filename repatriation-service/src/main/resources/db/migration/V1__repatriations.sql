-- Repatriations (transfers of suspects, returns of victims), their persons, legs, escorts, workflow history, and
-- the fugitive checks left pending while the fugitive-service could not answer.
-- Visibility is enforced here a third time (after the gateway and the service): the application role is not the
-- owner of these tables, and every policy reads the transaction-local setting chainbreaker.tenant.
--
-- Who sees a repatriation: its sending country, its receiving country, its transit countries and the coordinator
-- tenants (coordinator_countries). Only the sending and receiving countries change it.

-- The international bodies that see every repatriation (to follow and escalate). Read-only for the application.
create table coordinator_countries (
    country  text primary key
);
insert into coordinator_countries (country) values ('INTERPOL'), ('ASEANAPOL');

create table repatriations (
    id                          uuid        primary key,
    owner_country               text        not null,
    kind                        text        not null check (kind in ('SUSPECT_TRANSFER', 'EXTRADITION', 'DEPORTATION', 'VICTIM_RETURN')),
    sending_country             text        not null,
    receiving_country           text        not null,
    transit_countries           text[]      not null,
    status                      text        not null check (status in ('DRAFT', 'REQUESTED', 'APPROVED_BY_SENDING',
                                    'APPROVED_BY_RECEIVING', 'CLEARED', 'SCHEDULED', 'IN_TRANSIT', 'HANDED_OVER',
                                    'COMPLETED', 'REJECTED', 'CANCELLED')),
    wanted_person_id            uuid,
    wanted_person_reference     text        not null default '',
    fugitive_check              text        not null check (fugitive_check in ('NOT_APPLICABLE', 'PENDING', 'CONFIRMED', 'REFUSED')),
    case_ids                    text[]      not null,
    victim_count                int         not null default 0,
    victim_nationalities        text[]      not null default '{}',
    victim_languages            text[]      not null default '{}',
    victim_support_needs        text[]      not null default '{}',
    escort_waived_by_sending    boolean     not null default false,
    escort_waived_by_receiving  boolean     not null default false,
    handover_place              text,
    handover_time               timestamptz,
    handing_officer             text,
    receiving_officer           text,
    status_reason               text        not null default '',
    version                     bigint      not null default 1,
    request_id                  text,
    create_time                 timestamptz not null,
    update_time                 timestamptz not null,
    constraint repatriations_two_countries check (sending_country <> receiving_country),
    constraint repatriations_owner_is_a_party check (owner_country in (sending_country, receiving_country)),
    -- Uniqueness is scoped to the owner, so no conflict can reveal another country's record.
    constraint repatriations_request_unique unique (owner_country, request_id)
);

create index repatriations_by_sending on repatriations (sending_country, create_time desc, id desc);
create index repatriations_by_receiving on repatriations (receiving_country, create_time desc, id desc);
create index repatriations_by_transit on repatriations using gin (transit_countries);
create index repatriations_by_time on repatriations (create_time desc, id desc);

create table repatriation_persons (
    repatriation_id   uuid    not null references repatriations (id) on delete cascade,
    position          int     not null,
    role              text    not null check (role in ('SUSPECT', 'VICTIM')),
    full_name         text    not null,
    nationality       text    not null,
    languages         text[]  not null,
    support_needs     text[]  not null,
    document_type     text    not null check (document_type in ('PASSPORT', 'EMERGENCY_TRAVEL_DOCUMENT', 'LAISSEZ_PASSER')),
    document_status   text    not null check (document_status in ('NEEDED', 'REQUESTED', 'ISSUED')),
    document_number   text    not null,
    primary key (repatriation_id, position)
);

create table repatriation_legs (
    repatriation_id    uuid        not null references repatriations (id) on delete cascade,
    position           int         not null,
    carrier            text        not null,
    flight_number      text        not null,
    departure_airport  char(3)     not null check (departure_airport ~ '^[A-Z]{3}$'),
    arrival_airport    char(3)     not null check (arrival_airport ~ '^[A-Z]{3}$'),
    departure_time     timestamptz not null,
    arrival_time       timestamptz not null,
    primary key (repatriation_id, position),
    constraint repatriation_legs_ordered check (arrival_time > departure_time)
);

create table repatriation_escorts (
    repatriation_id  uuid not null references repatriations (id) on delete cascade,
    position         int  not null,
    name             text not null,
    country          text not null,
    primary key (repatriation_id, position)
);

-- Every step of the workflow, append-only: who, when, from what to what, why.
create table repatriation_transitions (
    repatriation_id  uuid        not null references repatriations (id) on delete cascade,
    seq              int         not null,
    from_status      text        not null,
    to_status        text        not null,
    actor_country    text        not null,
    actor_user       text        not null,
    at               timestamptz not null,
    reason           text        not null default '',
    primary key (repatriation_id, seq)
);

-- A check of the wanted person the fugitive-service could not answer. It is made again on behalf of the user who
-- last asked for it, with that user's token while the token is valid (there is no service super-token); the row is
-- removed when the check is settled. Rows are claimed with FOR UPDATE SKIP LOCKED, so several replicas never settle
-- the same check twice.
create table fugitive_checks (
    repatriation_id    uuid        primary key references repatriations (id) on delete cascade,
    wanted_person_id   uuid        not null,
    tenant             text        not null,
    actor_user         text        not null,
    actor_client       text        not null,
    token              text        not null,
    token_expiry       timestamptz not null,
    attempts           int         not null default 0,
    next_attempt_time  timestamptz not null,
    last_error         text        not null default ''
);

create index fugitive_checks_due on fugitive_checks (next_attempt_time);

-- ---------------------------------------------------------------------------------------------
-- Yes/no questions the policies ask across tables (SECURITY DEFINER: they run as the owner of the tables, which
-- row-level security does not restrict, so no policy recurses into itself).
-- ---------------------------------------------------------------------------------------------
-- Whether the tenant is the sending or receiving country of the repatriation (may change it).
create function repatriation_party(p_repatriation uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from repatriations
                    where id = p_repatriation and p_tenant in (sending_country, receiving_country))
$$;

-- The due fugitive checks whose token is still valid, locked for this transaction; rows another replica holds are
-- skipped. Returns what the job needs to act on the user's behalf, nothing else.
create function repatriation_claim_fugitive_checks(p_limit int)
    returns table (repatriation_id uuid, wanted_person_id uuid, tenant text, actor_user text, actor_client text,
                   token text, attempts int)
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    select c.repatriation_id, c.wanted_person_id, c.tenant, c.actor_user, c.actor_client, c.token, c.attempts
      from fugitive_checks c
     where c.next_attempt_time <= now() and c.token_expiry > now()
     order by c.next_attempt_time
     limit p_limit
       for update skip locked
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
alter table repatriations enable row level security;
alter table repatriation_persons enable row level security;
alter table repatriation_legs enable row level security;
alter table repatriation_escorts enable row level security;
alter table repatriation_transitions enable row level security;
alter table fugitive_checks enable row level security;

create policy repatriations_visible on repatriations for select
    using (sending_country = current_setting('chainbreaker.tenant', true)
           or receiving_country = current_setting('chainbreaker.tenant', true)
           or current_setting('chainbreaker.tenant', true) = any (transit_countries)
           or exists (select 1 from coordinator_countries c where c.country = current_setting('chainbreaker.tenant', true)));
create policy repatriations_opened_by_a_party on repatriations for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and owner_country in (sending_country, receiving_country));
create policy repatriations_changed_by_the_parties on repatriations for update
    using (current_setting('chainbreaker.tenant', true) in (sending_country, receiving_country))
    with check (current_setting('chainbreaker.tenant', true) in (sending_country, receiving_country));

-- Persons, legs, escorts, history: visible with their repatriation (the subquery runs under its policy); written by
-- the parties only.
create policy persons_visible on repatriation_persons for select
    using (exists (select 1 from repatriations r where r.id = repatriation_persons.repatriation_id));
create policy persons_written_by_parties on repatriation_persons for insert
    with check (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));
create policy persons_removed_by_parties on repatriation_persons for delete
    using (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

create policy legs_visible on repatriation_legs for select
    using (exists (select 1 from repatriations r where r.id = repatriation_legs.repatriation_id));
create policy legs_written_by_parties on repatriation_legs for insert
    with check (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));
create policy legs_removed_by_parties on repatriation_legs for delete
    using (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

create policy escorts_visible on repatriation_escorts for select
    using (exists (select 1 from repatriations r where r.id = repatriation_escorts.repatriation_id));
create policy escorts_written_by_parties on repatriation_escorts for insert
    with check (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));
create policy escorts_removed_by_parties on repatriation_escorts for delete
    using (repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

create policy transitions_visible on repatriation_transitions for select
    using (exists (select 1 from repatriations r where r.id = repatriation_transitions.repatriation_id));
create policy transitions_recorded_by_parties on repatriation_transitions for insert
    with check (actor_country = current_setting('chainbreaker.tenant', true)
                and repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

-- A pending check and its token: the country of the user it acts for, only.
create policy fugitive_checks_of_tenant on fugitive_checks for all
    using (tenant = current_setting('chainbreaker.tenant', true))
    with check (tenant = current_setting('chainbreaker.tenant', true)
                and repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

-- ---------------------------------------------------------------------------------------------
-- Events: whoever may see the repatriation now.
-- ---------------------------------------------------------------------------------------------
create policy repatriation_events_visible on outbox_events for select
    using (record_type = 'repatriation'
           and exists (select 1 from repatriations r where r.id::text = outbox_events.record_id));

revoke all on function repatriation_party(uuid, text) from public;
revoke all on function repatriation_claim_fugitive_checks(int) from public;
grant execute on function repatriation_party(uuid, text) to ${app_role};
grant execute on function repatriation_claim_fugitive_checks(int) to ${app_role};

grant select on coordinator_countries to ${app_role};
grant select, insert, update on repatriations to ${app_role};
grant select, insert, delete on repatriation_persons to ${app_role};
grant select, insert, delete on repatriation_legs to ${app_role};
grant select, insert, delete on repatriation_escorts to ${app_role};
grant select, insert on repatriation_transitions to ${app_role};
grant select, insert, update, delete on fugitive_checks to ${app_role};

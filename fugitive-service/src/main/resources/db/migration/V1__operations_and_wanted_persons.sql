-- Operations, wanted persons, their publications to operations, sightings, documents and name search keys.
-- Visibility is enforced here a third time (after the gateway and the service): the application role is not the
-- owner of these tables, and every policy reads the transaction-local setting chainbreaker.tenant.
--
-- Who sees a wanted person:
--   * its owner, always;
--   * while the notice is PUBLISHED: every participant of an operation it was published to, while the operation
--     runs (now() between start and end), and every country where a sighting of it was reported.

create extension if not exists pg_trgm;
create extension if not exists btree_gin;

-- ---------------------------------------------------------------------------------------------
-- Operations
-- ---------------------------------------------------------------------------------------------
create table operations (
    id                   uuid        primary key,
    coordinator_country  text        not null,
    name                 text        not null,
    start_time           timestamptz not null,
    end_time             timestamptz not null,
    request_id           text,
    create_time          timestamptz not null,
    constraint operations_period check (end_time > start_time),
    constraint operations_request_unique unique (coordinator_country, request_id)
);

create table operation_participants (
    operation_id         uuid        not null references operations (id) on delete cascade,
    -- Copied from the operation so that this table's policies need not read operations.
    coordinator_country  text        not null,
    country              text        not null,
    join_time            timestamptz not null,
    primary key (operation_id, country)
);

create index operation_participants_by_country on operation_participants (country, operation_id);

-- True if the tenant takes part in the operation. SECURITY DEFINER so that the participants policy can ask it
-- about its own table without recursing into itself; it answers only this yes/no question.
create function fugitives_participates(p_operation uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from operation_participants
                    where operation_id = p_operation and country = p_tenant)
$$;

-- ---------------------------------------------------------------------------------------------
-- Wanted persons
-- ---------------------------------------------------------------------------------------------
create table wanted_persons (
    id                   uuid        primary key,
    owner_country        text        not null,
    reference            text        not null,
    notice_status        text        not null check (notice_status in ('DRAFT', 'UNDER_REVIEW', 'PUBLISHED', 'CANCELLED')),
    custody              text        not null check (custody in ('AT_LARGE', 'ARRESTED')),
    primary_name         text        not null,
    primary_script       text        not null,
    aliases              text[]      not null,
    alias_scripts        text[]      not null,
    sex                  text,
    birth_year           int,
    birth_month          int,
    birth_day            int,
    nationalities        text[]      not null,
    identifying_marks    text[]      not null,
    document_types       text[]      not null,
    document_numbers     text[]      not null,
    document_countries   text[]      not null,
    charges              text[]      not null,
    warrant_reference    text        not null,
    warrant_authority    text        not null,
    risk_flags           text[]      not null,
    photo_reference      text        not null default '',
    cancellation_reason  text,
    arrest_country       text,
    arrest_place         text,
    arrest_time          timestamptz,
    arrest_custody       text,
    version              bigint      not null default 1,
    request_id           text,
    create_time          timestamptz not null,
    update_time          timestamptz not null,
    -- Uniqueness is scoped to the owner, so no conflict can reveal another country's record.
    constraint wanted_persons_reference_unique unique (owner_country, reference),
    constraint wanted_persons_request_unique unique (owner_country, request_id)
);

create index wanted_persons_by_owner on wanted_persons (owner_country, create_time desc, id desc);

create table wanted_person_reference_counters (
    owner_country  text   not null,
    year           int    not null,
    last_value     bigint not null,
    primary key (owner_country, year)
);

-- A wanted person published to an operation.
create table operation_publications (
    wanted_person_id  uuid        not null references wanted_persons (id) on delete cascade,
    operation_id      uuid        not null references operations (id) on delete cascade,
    owner_country     text        not null,
    publish_time      timestamptz not null,
    primary key (wanted_person_id, operation_id)
);

create index operation_publications_by_operation on operation_publications (operation_id, wanted_person_id);

create table sightings (
    id                uuid        primary key,
    wanted_person_id  uuid        not null references wanted_persons (id) on delete cascade,
    -- Copied from the wanted person so that this table's policies need not read wanted_persons.
    owner_country     text        not null,
    country           text        not null,
    reporter_country  text        not null,
    place             text        not null,
    seen_time         timestamptz not null,
    confidence        text        not null check (confidence in ('UNCONFIRMED', 'PROBABLE', 'CONFIRMED')),
    source            text        not null,
    report_time       timestamptz not null
);

create index sightings_by_person on sightings (wanted_person_id, seen_time desc);
create index sightings_by_country on sightings (country, wanted_person_id);

-- Normalised document numbers, for exact identity checks.
create table wanted_person_documents (
    wanted_person_id  uuid not null references wanted_persons (id) on delete cascade,
    owner_country     text not null,
    number            text not null,
    primary key (wanted_person_id, number)
);

create index wanted_person_documents_by_number on wanted_person_documents (number);

-- Search keys of every name of a wanted person (written by the service's name normaliser): Latin, ASCII,
-- lower case, canonical spellings, tokens sorted. The (owner_country, key) index serves searches that state
-- the owner explicitly; the key-only index serves the grant and identity-check paths.
create table wanted_person_name_keys (
    wanted_person_id  uuid not null references wanted_persons (id) on delete cascade,
    owner_country     text not null,
    key               text not null,
    primary key (wanted_person_id, key)
);

create index wanted_person_name_keys_by_owner on wanted_person_name_keys using gin (owner_country, key gin_trgm_ops);
create index wanted_person_name_keys_trgm on wanted_person_name_keys using gin (key gin_trgm_ops);

-- ---------------------------------------------------------------------------------------------
-- Yes/no questions the policies ask across tables (SECURITY DEFINER: they run as the owner of the tables,
-- which row-level security does not restrict, so no policy recurses into itself).
-- ---------------------------------------------------------------------------------------------
-- Whether a tenant could see a wanted person through a grant, whatever the notice status: who is told of a
-- cancellation (which ends that visibility). Answers yes/no only.
create function fugitives_granted(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1
                     from operation_publications p
                     join operation_participants m on m.operation_id = p.operation_id
                     join operations o on o.id = p.operation_id
                    where p.wanted_person_id = p_wanted_person
                      and m.country = p_tenant
                      and now() between o.start_time and o.end_time)
        or exists (select 1 from sightings s where s.wanted_person_id = p_wanted_person and s.country = p_tenant)
$$;

-- Whether the tenant owns the wanted person. Answers yes/no only.
create function fugitives_owns(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from wanted_persons where id = p_wanted_person and owner_country = p_tenant)
$$;

-- Whether the tenant may see the wanted person (with the given owner): the rule of the wanted_persons policy.
create function fugitives_may_see(p_wanted_person uuid, p_owner text, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select exists (select 1 from wanted_persons w
                    where w.id = p_wanted_person and w.owner_country = p_owner
                      and (w.owner_country = p_tenant
                           or (w.notice_status = 'PUBLISHED' and fugitives_granted(w.id, p_tenant))))
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
-- Row-level security is enabled but not forced: the application role, which owns nothing, is always subject to
-- it; the owner role runs only the migrations and the SECURITY DEFINER functions below, which must look across
-- tenants to answer their one narrow question each.
alter table operations enable row level security;
alter table operation_participants enable row level security;
alter table wanted_persons enable row level security;
alter table wanted_person_reference_counters enable row level security;
alter table operation_publications enable row level security;
alter table sightings enable row level security;
alter table wanted_person_documents enable row level security;
alter table wanted_person_name_keys enable row level security;

-- Operations: the coordinator and the participants see them; the coordinator changes them.
create policy operations_visible on operations for select
    using (coordinator_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from operation_participants m
                      where m.operation_id = operations.id
                        and m.country = current_setting('chainbreaker.tenant', true)));
create policy operations_opened_by_coordinator on operations for insert
    with check (coordinator_country = current_setting('chainbreaker.tenant', true));
create policy operations_changed_by_coordinator on operations for update
    using (coordinator_country = current_setting('chainbreaker.tenant', true))
    with check (coordinator_country = current_setting('chainbreaker.tenant', true));

create policy participants_visible on operation_participants for select
    using (coordinator_country = current_setting('chainbreaker.tenant', true)
           or country = current_setting('chainbreaker.tenant', true)
           or fugitives_participates(operation_id, current_setting('chainbreaker.tenant', true)));
create policy participants_added_by_coordinator on operation_participants for insert
    with check (coordinator_country = current_setting('chainbreaker.tenant', true));
create policy participants_removed_by_coordinator on operation_participants for delete
    using (coordinator_country = current_setting('chainbreaker.tenant', true));

-- Publications: the owner sees its own; a participant sees those of its operations.
create policy publications_visible on operation_publications for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from operation_participants m
                      where m.operation_id = operation_publications.operation_id
                        and m.country = current_setting('chainbreaker.tenant', true)));
-- (Policies of wanted_persons read this table and sightings: their insert checks ask the functions above instead of
-- reading wanted_persons, which PostgreSQL would reject as recursive.)
create policy publications_by_owner on operation_publications for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true)));

-- Sightings: the owner sees all; the reporter and the country where the person was seen see theirs.
create policy sightings_visible on sightings for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or reporter_country = current_setting('chainbreaker.tenant', true)
           or country = current_setting('chainbreaker.tenant', true));
-- Reported only by the calling country, about a wanted person it may see (the subquery runs under that policy).
create policy sightings_reported on sightings for insert
    with check (reporter_country = current_setting('chainbreaker.tenant', true)
                and fugitives_may_see(wanted_person_id, owner_country, current_setting('chainbreaker.tenant', true)));

-- Wanted persons: the owner always; others only a PUBLISHED notice, through a running operation or a sighting.
create policy wanted_persons_visible on wanted_persons for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (notice_status = 'PUBLISHED'
               and (exists (select 1
                              from operation_publications p
                              join operation_participants m on m.operation_id = p.operation_id
                              join operations o on o.id = p.operation_id
                             where p.wanted_person_id = wanted_persons.id
                               and m.country = current_setting('chainbreaker.tenant', true)
                               and now() between o.start_time and o.end_time)
                    or exists (select 1 from sightings s
                                where s.wanted_person_id = wanted_persons.id
                                  and s.country = current_setting('chainbreaker.tenant', true)))));
create policy wanted_persons_recorded_by_owner on wanted_persons for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));
-- The owner changes its record; the arresting country records an arrest through fugitives_record_arrest.
create policy wanted_persons_changed_by_owner on wanted_persons for update
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

create policy counters_of_owner on wanted_person_reference_counters for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

create policy documents_of_owner on wanted_person_documents for all
    using (owner_country = current_setting('chainbreaker.tenant', true))
    with check (owner_country = current_setting('chainbreaker.tenant', true));

-- Name keys: the owner's own, and those of wanted persons the tenant may see (the subquery runs under the
-- wanted_persons policy). Searches state the same predicates explicitly so that the indexes serve them.
create policy name_keys_visible on wanted_person_name_keys for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or exists (select 1 from wanted_persons w where w.id = wanted_person_name_keys.wanted_person_id));
create policy name_keys_written_by_owner on wanted_person_name_keys for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));
create policy name_keys_deleted_by_owner on wanted_person_name_keys for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));

-- ---------------------------------------------------------------------------------------------
-- Cross-tenant functions: each answers one narrow question and returns nothing of the records.
-- ---------------------------------------------------------------------------------------------

-- Hit/no-hit identity check against every PUBLISHED notice of every country. Returns only (owner, reference):
-- the application role never reads another country's rows to answer a check.
--   p_keys      the query name's search keys (same normaliser as the stored keys); may be empty
--   p_threshold lowest trigram similarity between keys for a name hit
--   p_year/p_month/p_day  the date of birth given with the check (0 = unknown); a stored date that contradicts
--               a known part rules the name hit out
--   p_document  normalised document number; empty for none (an exact match is a hit whatever the name)
create function fugitives_identity_check(p_keys text[], p_threshold real, p_year int, p_month int, p_day int,
                                         p_document text)
    returns table (owner_country text, reference text)
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    -- Driven from the trigram and document indexes, not from the wanted persons: cost follows the candidates.
    with candidates as (
        select k.wanted_person_id as id, false as by_document
          from wanted_person_name_keys k, unnest(p_keys) q(key)
         where k.key % q.key and similarity(k.key, q.key) >= p_threshold
        union
        select d.wanted_person_id, true
          from wanted_person_documents d
         where p_document <> '' and d.number = p_document
    )
    select distinct w.owner_country, w.reference
      from candidates c
      join wanted_persons w on w.id = c.id
     where w.notice_status = 'PUBLISHED'
       and (c.by_document
            or ((p_year = 0 or w.birth_year is null or w.birth_year = p_year)
                and (p_month = 0 or w.birth_month is null or w.birth_month = p_month)
                and (p_day = 0 or w.birth_day is null or w.birth_day = p_day)))
     order by 1, 2
$$;

-- Records an arrest by the calling country of a wanted person it may see (checked under its own visibility
-- before the call). Changes only custody, the arrest record and the version.
create function fugitives_record_arrest(p_wanted_person uuid, p_place text, p_time timestamptz, p_custody text,
                                        p_now timestamptz)
    returns boolean
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    update wanted_persons
       set custody = 'ARRESTED', arrest_country = current_setting('chainbreaker.tenant', true),
           arrest_place = p_place, arrest_time = p_time, arrest_custody = p_custody,
           version = version + 1, update_time = p_now
     where id = p_wanted_person and notice_status = 'PUBLISHED' and custody = 'AT_LARGE'
       and (owner_country = current_setting('chainbreaker.tenant', true)
            or fugitives_granted(id, current_setting('chainbreaker.tenant', true)))
    returning true
$$;

-- ---------------------------------------------------------------------------------------------
-- Events: which events of the shared outbox a tenant may read.
-- ---------------------------------------------------------------------------------------------
create policy fugitive_events_visible on outbox_events for select
    using (case
             -- Checks against a notice: its owner only.
             when record_type = 'notice' then owner_country = current_setting('chainbreaker.tenant', true)
             -- A cancellation: everyone who could see the notice before it.
             when record_type = 'wanted_person' and event_type = 'wanted_person.cancelled' then
                  owner_country = current_setting('chainbreaker.tenant', true)
                  or fugitives_granted(record_id::uuid, current_setting('chainbreaker.tenant', true))
             -- Anything else about a wanted person: whoever may see it now.
             when record_type = 'wanted_person' then
                  exists (select 1 from wanted_persons w where w.id = outbox_events.record_id::uuid)
             when record_type = 'operation' then
                  exists (select 1 from operations o where o.id = outbox_events.record_id::uuid)
             else false
           end);

revoke all on function fugitives_participates(uuid, text) from public;
revoke all on function fugitives_identity_check(text[], real, int, int, int, text) from public;
revoke all on function fugitives_granted(uuid, text) from public;
revoke all on function fugitives_owns(uuid, text) from public;
revoke all on function fugitives_may_see(uuid, text, text) from public;
revoke all on function fugitives_record_arrest(uuid, text, timestamptz, text, timestamptz) from public;
grant execute on function fugitives_participates(uuid, text) to ${app_role};
grant execute on function fugitives_identity_check(text[], real, int, int, int, text) to ${app_role};
grant execute on function fugitives_granted(uuid, text) to ${app_role};
grant execute on function fugitives_owns(uuid, text) to ${app_role};
grant execute on function fugitives_may_see(uuid, text, text) to ${app_role};
grant execute on function fugitives_record_arrest(uuid, text, timestamptz, text, timestamptz) to ${app_role};

grant select, insert, update on operations to ${app_role};
grant select, insert, delete on operation_participants to ${app_role};
grant select, insert, update on wanted_persons to ${app_role};
grant select, insert, update on wanted_person_reference_counters to ${app_role};
grant select, insert on operation_publications to ${app_role};
grant select, insert on sightings to ${app_role};
grant select, insert, delete on wanted_person_documents to ${app_role};
grant select, insert, delete on wanted_person_name_keys to ${app_role};

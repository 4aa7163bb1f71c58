-- Identity checks decided by the matcher's rules, inside the database (issue 14).
--
-- Before: a check hit every PUBLISHED notice holding a search key (a romanised spelling) similar to the query's,
-- so 張偉 hit a notice for 章偉 (both read Zhang Wei): two people whose names differ as written. The service's
-- matcher lets the characters decide when both names are written in one script; it runs in Java, but the checking
-- country may not learn the names of other countries' notices, so the service cannot score them itself.
--
-- Now each record also stores, per name written wholly in one non-Latin script, its syllables (Han, Hangul) or
-- words (Thai, Khmer) as written, honorifics and titles left out, Han folded to simplified, each prefixed by its
-- script ("Hani:张"): computed by the service (NameNormalizer.writtenSyllables), readable only by the owner. The
-- check function compares them with the query's own, as the matcher does (Dice share of equal syllables, times
-- 0.75 when each side has one the other lacks), and answers only owner and reference of hits, as before.

create table wanted_person_written_names (
    wanted_person_id uuid   not null references wanted_persons (id) on delete cascade,
    owner_country    text   not null,
    syllables        text[] not null,
    primary key (wanted_person_id, syllables)
);

-- Another country's names are no business of the application role: it reads and writes only its own country's.
alter table wanted_person_written_names enable row level security;
-- Written only for the tenant's own records (as the search keys since V6): another country's written name attached
-- to a record would change that record's checks.
create policy written_names_read_by_owner on wanted_person_written_names for select
    using (owner_country = current_setting('chainbreaker.tenant', true));
create policy written_names_written_by_owner on wanted_person_written_names for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true)));
create policy written_names_deleted_by_owner on wanted_person_written_names for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));
grant select, insert, delete on wanted_person_written_names to ${app_role};

-- The matcher's score of two names written in one script (NameMatcher.align over single syllables): the Dice share
-- of syllables equal as written, times 0.75 when each side has a syllable the other lacks.
create function fugitives_written_score(a text[], b text[]) returns real
    language sql immutable
    set search_path = pg_catalog, public, pg_temp
as $$
    with ca as (select x, count(*) as n from unnest(a) x group by x),
         cb as (select x, count(*) as n from unnest(b) x group by x),
         m  as (select coalesce(sum(least(ca.n, cb.n)), 0) as matched from ca join cb using (x))
    select case when coalesce(cardinality(a), 0) + coalesce(cardinality(b), 0) = 0 then 0::real
                else (2.0 * m.matched / (cardinality(a) + cardinality(b))
                      * case when m.matched < cardinality(a) and m.matched < cardinality(b) then 0.75 else 1 end)::real
           end
      from m
$$;

-- Whether record p_id may be a name hit for a query written as p_written: when the record has names written in the
-- query's script, one of them must score at least p_min against it (the characters decide); otherwise (query in
-- Latin letters, or no name of the record in its script) the readings decide, through the search keys.
-- Runs as its caller: inside the definer function below, as the owner; the application role has no grant.
create function fugitives_written_agrees(p_id uuid, p_written text[], p_min real) returns boolean
    language sql stable
    set search_path = pg_catalog, public, pg_temp
as $$
    select coalesce(cardinality(p_written), 0) = 0
        or not exists (select 1 from wanted_person_written_names n
                        where n.wanted_person_id = p_id and left(n.syllables[1], 5) = left(p_written[1], 5))
        or exists (select 1 from wanted_person_written_names n
                    where n.wanted_person_id = p_id and left(n.syllables[1], 5) = left(p_written[1], 5)
                      and fugitives_written_score(p_written, n.syllables) >= p_min)
$$;

-- Hit/no-hit as in V7 (at most 200 spellings, each held by a notice that is a hit of this very check), a name hit
-- now also needing fugitives_written_agrees. The date of birth rule is unchanged: a conflicting year, month or day
-- is no hit (the matcher's check refuses a conflict too).
drop function fugitives_identity_check(text[], real, int, int, int, text);

create function fugitives_identity_check(p_keys text[], p_written text[], p_threshold real, p_written_threshold real,
                                         p_year int, p_month int, p_day int, p_document text)
    returns table (owner_country text, reference text)
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
    set pg_trgm.similarity_threshold = 0.3
as $$
#variable_conflict use_column
declare
    v_tenant text     := current_setting('chainbreaker.tenant', true);
    v_hashes bigint[] := '{}';
    r        record;
begin
    if v_tenant is null or v_tenant = '' then
        return;
    end if;
    perform set_config('pg_trgm.similarity_threshold', greatest(p_threshold, 0.1)::text, true);
    if cardinality(p_keys) > 0 then
        for r in select d.key_hash as hash
                   from unnest(p_keys) q(key)
                   join name_key_dictionary d on d.key % q.key
                  where similarity(d.key, q.key) >= p_threshold
                  group by d.key_hash
                  order by max(similarity(d.key, q.key)) desc, 1
        loop
            if exists (select 1
                         from wanted_person_name_keys k
                         join wanted_persons w on w.id = k.wanted_person_id
                        where k.key_hash = r.hash
                          and w.notice_status = 'PUBLISHED'
                          and (p_year = 0 or w.birth_year is null or w.birth_year = p_year)
                          and (p_month = 0 or w.birth_month is null or w.birth_month = p_month)
                          and (p_day = 0 or w.birth_day is null or w.birth_day = p_day)
                          and fugitives_written_agrees(w.id, p_written, p_written_threshold)) then
                v_hashes := v_hashes || r.hash;
                exit when cardinality(v_hashes) >= 200;
            end if;
        end loop;
    end if;
    return query
        with candidates as (
            select k.wanted_person_id as id, false as by_document
              from wanted_person_name_keys k
             where k.key_hash = any(v_hashes)
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
                    and (p_day = 0 or w.birth_day is null or w.birth_day = p_day)
                    and fugitives_written_agrees(w.id, p_written, p_written_threshold)))
         order by 1, 2;
end
$$;

revoke all on function fugitives_written_score(text[], text[]) from public;
revoke all on function fugitives_written_agrees(uuid, text[], real) from public;
revoke all on function fugitives_identity_check(text[], text[], real, real, int, int, int, text) from public;
grant execute on function fugitives_identity_check(text[], text[], real, real, int, int, int, text) to ${app_role};
comment on function fugitives_identity_check(text[], text[], real, real, int, int, int, text) is
    'Hit/no-hit against every country''s PUBLISHED notices: owner and reference only [backstop: cross-tenant]';
-- The written names of records stored before this migration are filled in by V10_1 (Java: the service's normaliser).

-- Name searches find similar spellings in a dictionary of distinct keys, then the records holding exactly those
-- spellings through a B-tree, under row-level security.
--
-- Why: a trigram index over every record's keys makes each search walk the posting lists of the commonest
-- trigrams ("kim", "min", " ng") across millions of rows and recheck each hit: about 0.5 s of PostgreSQL CPU per
-- search at a million records (docs/benchmarks.md). Names repeat: a million records hold about 92,000 distinct
-- keys, so the trigram work shrinks thirtyfold and the rest is equality. It also frees the search from pg_trgm's
-- operator being LEAKPROOF: the trigram comparison now runs inside a definer function on a table without
-- policies, and the query under row-level security uses only equality.

-- Keys are joined by a 64-bit hash of their text: the dictionary answers the application role with hashes and
-- similarities only, never another country's spellings (a collision only adds a candidate the scorer drops).
alter table wanted_person_name_keys
    add column key_hash bigint generated always as (hashtextextended(key, 0)) stored,
    -- The record's year of birth, so that among many namesakes those born in the year asked for come first.
    add column birth_year int;

update wanted_person_name_keys k
   set birth_year = w.birth_year
  from wanted_persons w
 where w.id = k.wanted_person_id and w.birth_year is not null;

create index wanted_person_name_keys_by_hash on wanted_person_name_keys (key_hash, birth_year);
drop index if exists wanted_person_name_keys_trgm;

-- Every spelling ever stored. No unique constraint: two loads adding the same new spelling at once must never
-- wait for each other (a unique index would make the second wait for the first to commit, and two loads with
-- overlapping names could deadlock); a duplicate costs one index entry and the function groups them.
-- Spellings are kept when records change (harmless: they lead to no record); row-level security without a
-- policy and no grant: the application role reaches it only through fugitives_similar_keys.
create table name_key_dictionary (
    key      text   not null,
    key_hash bigint not null
);
insert into name_key_dictionary (key, key_hash)
select key, hashtextextended(key, 0) from wanted_person_name_keys group by key;
create index name_key_dictionary_by_key on name_key_dictionary (key);
-- Without a pending list: every search reads the whole pending list of a GIN index (a bulk load left 2,635 entries
-- there, +60% per lookup until the next vacuum), and new spellings are rare once names repeat.
create index name_key_dictionary_trgm on name_key_dictionary using gin (key gin_trgm_ops) with (fastupdate = off);
alter table name_key_dictionary enable row level security;

-- Learns the spellings of a statement's new keys (once per statement: bulk loads insert many rows at a time).
create function fugitives_learn_spellings() returns trigger
    language plpgsql security definer
    set search_path = public, pg_catalog
as $$
begin
    insert into name_key_dictionary (key, key_hash)
    select n.key, hashtextextended(n.key, 0)
      from (select distinct key from added) n
     where not exists (select 1 from name_key_dictionary d where d.key = n.key);
    return null;
end
$$;

create trigger name_keys_teach_the_dictionary after insert on wanted_person_name_keys
    referencing new table as added
    for each statement execute function fugitives_learn_spellings();

-- The spellings similar to any of the query keys (pg_trgm similarity at least p_threshold), best first, at most
-- p_limit (capped at 200): their hashes and similarity, nothing else. What the caller may see of the records
-- holding them is decided by row-level security when it joins the hashes to wanted_person_name_keys.
create function fugitives_similar_keys(p_keys text[], p_threshold real, p_limit int)
    returns table (key_hash bigint, similarity real)
    language plpgsql volatile security definer
    set search_path = public, pg_catalog
    set pg_trgm.similarity_threshold = 0.3
as $$
begin
    -- Inside the function only (the SET clause above restores it on return): lets % use the index at p_threshold.
    perform set_config('pg_trgm.similarity_threshold', greatest(p_threshold, 0.1)::text, true);
    return query
        select d.key_hash, max(similarity(d.key, q.key))
          from unnest(p_keys) q(key)
          join name_key_dictionary d on d.key % q.key
         where similarity(d.key, q.key) >= p_threshold
         group by d.key_hash
         order by 2 desc, 1
         limit least(greatest(p_limit, 0), 200);
end
$$;

-- Hit/no-hit, as before (see V1), with its name candidates found through the dictionary.
create or replace function fugitives_identity_check(p_keys text[], p_threshold real, p_year int, p_month int,
                                                    p_day int, p_document text)
    returns table (owner_country text, reference text)
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    with candidates as (
        select k.wanted_person_id as id, false as by_document
          from fugitives_similar_keys(p_keys, p_threshold, 200) s
          join wanted_person_name_keys k on k.key_hash = s.key_hash
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

revoke all on function fugitives_learn_spellings() from public;
revoke all on function fugitives_similar_keys(text[], real, int) from public;
grant execute on function fugitives_similar_keys(text[], real, int) to ${app_role};

-- Name search and hit/no-hit are no existence oracle (issue 19).
--
-- Before: fugitives_similar_keys took the 50 (search) or 200 (identity check) spellings most similar to the query
-- from the dictionary of every country's spellings, drafts included and spellings no record held any more, and
-- only then did row-level security (search) or the PUBLISHED filter (check) drop the records the caller could not
-- find. A country that filled those slots with its own near-spellings saw its own hits drop when another country
-- held, or had once held, the spelling it searched: 50 own hits became 48 after another country recorded a DRAFT.
--
-- Now each cap counts only spellings that lead to a record the answer could contain:
--   * search: a spelling counts if a record visible to the session's country holds it (the rule of the
--     wanted_persons policy: its own records, and PUBLISHED ones granted to it through a running operation it
--     takes part in or a sighting in its country);
--   * identity check: a spelling counts if a record that would be a hit of this very check holds it: a PUBLISHED
--     notice (any country's: hit/no-hit answers "hit, ask country X") whose date of birth does not contradict the
--     one given. Drafts, notices under review, cancelled notices and notices with another date of birth never take
--     a slot, so the answer depends only on notices that are hits of that check.
-- And a spelling leaves the dictionary when no record holds it any more.

-- Loads pg_trgm's library into this session, so that pg_trgm.similarity_threshold is a known (user-settable)
-- setting for the SET clauses below. On an existing database this migration runs in a new session where nothing
-- has used pg_trgm yet; the setting is then a placeholder, which only a superuser may put in a SET clause
-- ("permission denied to set parameter"; found migrating the benchmark's 100,000 records).
select similarity('', '');

-- ---------------------------------------------------------------------------------------------
-- Search: the most similar spellings the session's country can find a record by.
-- ---------------------------------------------------------------------------------------------
-- Walks the similar spellings best first and keeps those with a holder visible to the session's country until
-- p_limit (capped at 200) are kept: hashes and similarity only, as before. Answers only for current_setting of
-- the tenant; nothing without one. The holders themselves are read by the caller under row-level security.
create or replace function fugitives_similar_keys(p_keys text[], p_threshold real, p_limit int)
    returns table (key_hash bigint, similarity real)
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
    set pg_trgm.similarity_threshold = 0.3
as $$
#variable_conflict use_column
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_limit  int  := least(greatest(coalesce(p_limit, 0), 0), 200);
    v_kept   int  := 0;
    r        record;
begin
    if v_tenant is null or v_tenant = '' or v_limit = 0 then
        return;
    end if;
    -- Inside the function only (the SET clause above restores it on return): lets % use the index at p_threshold.
    perform set_config('pg_trgm.similarity_threshold', greatest(p_threshold, 0.1)::text, true);
    for r in select d.key_hash as hash, max(similarity(d.key, q.key)) as sim
               from unnest(p_keys) q(key)
               join name_key_dictionary d on d.key % q.key
              where similarity(d.key, q.key) >= p_threshold
              group by d.key_hash
              order by 2 desc, 1
    loop
        -- The wanted_persons policy, stated for the session's country (this function runs as the owner).
        if exists (select 1
                     from wanted_person_name_keys k
                    where k.key_hash = r.hash
                      and (k.owner_country = v_tenant
                           or exists (select 1
                                        from wanted_persons w
                                       where w.id = k.wanted_person_id
                                         and w.notice_status = 'PUBLISHED'
                                         and (exists (select 1
                                                        from operation_publications p
                                                        join operations o on o.id = p.operation_id
                                                                         and now() between o.start_time and o.end_time
                                                        join operation_participants m on m.operation_id = p.operation_id
                                                                                     and m.country = v_tenant
                                                       where p.wanted_person_id = w.id)
                                              or exists (select 1 from sightings s
                                                          where s.wanted_person_id = w.id and s.country = v_tenant))))) then
            key_hash := r.hash;
            similarity := r.sim;
            return next;
            v_kept := v_kept + 1;
            exit when v_kept >= v_limit;
        end if;
    end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Hit/no-hit: at most 200 spellings, each held by a notice that is a hit of this check.
-- ---------------------------------------------------------------------------------------------
create or replace function fugitives_identity_check(p_keys text[], p_threshold real, p_year int, p_month int,
                                                    p_day int, p_document text)
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
    -- Only inside a session of a country (whose check the owner is told of); the answer is the same for all.
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
                          and (p_day = 0 or w.birth_day is null or w.birth_day = p_day)) then
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
                    and (p_day = 0 or w.birth_day is null or w.birth_day = p_day)))
         order by 1, 2;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The dictionary holds exactly the spellings some record holds.
-- ---------------------------------------------------------------------------------------------
-- Nobody waits on the dictionary, so concurrent loads and edits neither queue nor deadlock:
--   * a statement adding holders key-share-locks the rows of its spellings it can (SKIP LOCKED) and inserts a row
--     for every spelling it could not lock or did not find (a spelling being removed at that moment gets a row of
--     its own; a rare duplicate costs one row);
--   * a statement removing holders locks the rows of its spellings it can (FOR UPDATE SKIP LOCKED: a row that an
--     adding statement holds stays), then, in a new snapshot taken after the locks, deletes those of them that no
--     record holds.
-- So a spelling that a committed record holds always has a row: either an adder locked it first (a remover cannot
-- take it), or the remover took it first (the adder inserted its own row), or the remover's later snapshot sees
-- the holder. The worst case is a row left for a spelling no record holds: it leads to no record and, since the
-- caps count only spellings with a holder, takes no slot; the next removal of that spelling deletes it.
create or replace function fugitives_learn_spellings() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_added text[];
    v_held  text[];
begin
    select array_agg(distinct a.key) into v_added from added a;
    if v_added is null then
        return null;
    end if;
    select array_agg(l.key) into v_held
      from (select d.key from name_key_dictionary d where d.key = any(v_added) for key share of d skip locked) l;
    insert into name_key_dictionary (key, key_hash)
    select n.key, hashtextextended(n.key, 0)
      from unnest(v_added) n(key)
     where not (n.key = any(coalesce(v_held, '{}')));
    return null;
end
$$;

create function fugitives_forget_spellings() returns trigger
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_rows tid[];
begin
    select array_agg(l.ctid) into v_rows
      from (select d.ctid from name_key_dictionary d
             where d.key in (select distinct r.key from removed r)
               for update of d skip locked) l;
    if v_rows is null then
        return null;
    end if;
    -- A new statement, so a new snapshot: it sees every holder committed before the locks above were taken.
    delete from name_key_dictionary d
     where d.ctid = any(v_rows)
       and not exists (select 1 from wanted_person_name_keys k where k.key_hash = d.key_hash and k.key = d.key);
    return null;
end
$$;

create trigger name_keys_prune_the_dictionary after delete on wanted_person_name_keys
    referencing old table as removed
    for each statement execute function fugitives_forget_spellings();

-- The spellings of records changed before this migration. Writers of keys wait for this (share lock) and the
-- snapshot of the delete is taken after every earlier writer committed, so no spelling a record holds is removed.
lock table wanted_person_name_keys in share mode;
delete from name_key_dictionary d
 where not exists (select 1 from wanted_person_name_keys k where k.key_hash = d.key_hash and k.key = d.key);

revoke all on function fugitives_forget_spellings() from public;
revoke all on function fugitives_learn_spellings() from public;
revoke all on function fugitives_similar_keys(text[], real, int) from public;
revoke all on function fugitives_identity_check(text[], real, int, int, int, text) from public;
grant execute on function fugitives_similar_keys(text[], real, int) to ${app_role};
grant execute on function fugitives_identity_check(text[], real, int, int, int, text) to ${app_role};

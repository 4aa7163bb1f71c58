-- Name search at a million records: the spellings step stops as soon as the search has what it will read.
--
-- Before (V7): fugitives_similar_keys collected every dictionary spelling with a trigram similarity of at least 0.45
-- to any query key (one GIN scan and a recheck of ~1,500 rows per key; a Korean name has 8 keys), sorted them and
-- kept the 50 best with a holder visible to the session's country. The search then followed them best first and
-- stopped after 300 holders, which for a common name were all found among the first few spellings: 35 ms of
-- PostgreSQL CPU per search at a million records, p95 93 ms (docs/benchmarks.md, issue 14).
--
-- Now fugitives_search_spellings walks the spellings best first in tiers of similarity (1.0, 0.7, then the
-- caller's threshold; a GIN scan at a high threshold reads only the posting lists of a key's rarest trigrams) and
-- counts, per spelling kept, the rows the search will take of its holders (visible holders born in the year asked
-- for, then any, at most p_per_spelling per spelling), stopping when p_rows are counted or p_limit spellings kept.
-- The answer is the same list as before, cut where the caller would have stopped reading it: the tiers partition
-- the spellings by the same similarity test (a spelling's best similarity passes the % operator and the threshold),
-- so their concatenation is the old order (similarity descending, then hash). Query keys are collapsed to distinct.
--
-- Visibility, stated for the session's country as the wanted_persons policy states it (V12: own records, PUBLISHED
-- ones granted through a running operation it takes part in, a sighting in its country or a live INFORMATION grant
-- of a cooperation request); V7's statement lacked the request grant, so a record visible only through one could
-- not be found by name. Counting holders under the same rule as the policy is what lets the function stop where
-- the search stops: another country's hidden holders are never counted, so they can neither take a slot nor end
-- the walk early. Hashes and similarities only leave the function, as before.

-- Loads pg_trgm's library into this session (see V7): its setting must be known for the SET clause below.
select similarity('', '');

create function fugitives_search_spellings(p_keys text[], p_threshold real, p_limit int, p_year int,
                                           p_per_spelling int, p_rows int)
    returns table (key_hash bigint, similarity real)
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
    set pg_trgm.similarity_threshold = 0.3
as $$
#variable_conflict use_column
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_limit  int  := least(greatest(coalesce(p_limit, 0), 0), 200);
    v_per    int  := greatest(coalesce(p_per_spelling, 0), 0);
    v_rows   int  := greatest(coalesce(p_rows, 0), 0);
    v_keys   text[];
    v_tiers  real[];
    v_tier   real;
    v_above  real;
    v_kept   int  := 0;
    v_taken  int  := 0;
    v_need   int;
    v_all    int;
    v_born   int;
    r        record;
begin
    if v_tenant is null or v_tenant = '' or v_limit = 0 or v_per = 0 or v_rows = 0 then
        return;
    end if;
    select array_agg(distinct q.key) into v_keys from unnest(p_keys) q(key) where q.key is not null;
    if v_keys is null then
        return;
    end if;
    select array_agg(t.t order by t.t desc) into v_tiers
      from (select distinct t from unnest(array[1.0, 0.7, p_threshold]::real[]) t where t >= p_threshold) t;
    if v_tiers is null then
        return;
    end if;
    foreach v_tier in array v_tiers loop
        -- Inside the function only (the SET clause restores it on return): lets % use the index at this tier.
        perform set_config('pg_trgm.similarity_threshold', greatest(v_tier, 0.1)::text, true);
        for r in select s.hash, s.sim
                   from (select d.key_hash as hash, max(similarity(d.key, q.key)) as sim
                           from unnest(v_keys) q(key)
                           join name_key_dictionary d on d.key % q.key
                          group by d.key_hash) s
                  where s.sim >= v_tier
                    and s.sim >= p_threshold
                    -- Walked by the tier above: the same test as that tier's (its % and its threshold).
                    and not (v_above is not null and s.sim::float8 >= v_above::text::float8 and s.sim >= v_above)
                  order by s.sim desc, s.hash
        loop
            v_need := least(v_per, v_rows - v_taken);
            select count(*) into v_all
              from (select 1
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
                                                           where s.wanted_person_id = w.id and s.country = v_tenant)
                                               or fugitives_request_granted(w.id))))
                     limit v_need) h;
            if v_all > 0 then
                v_born := 0;
                if v_all < v_need then
                    select count(*) into v_born
                      from (select 1
                              from wanted_person_name_keys k
                             where k.key_hash = r.hash and k.birth_year = p_year
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
                                                           where s.wanted_person_id = w.id and s.country = v_tenant)
                                               or fugitives_request_granted(w.id))))
                             limit v_need) h;
                end if;
                key_hash := r.hash;
                similarity := r.sim;
                return next;
                v_kept := v_kept + 1;
                v_taken := v_taken + least(v_need, v_all + v_born);
                if v_kept >= v_limit or v_taken >= v_rows then
                    return;
                end if;
            end if;
        end loop;
        v_above := v_tier;
    end loop;
end
$$;

revoke all on function fugitives_search_spellings(text[], real, int, int, int, int) from public;
grant execute on function fugitives_search_spellings(text[], real, int, int, int, int) to ${app_role};

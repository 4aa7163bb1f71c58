-- Identity checks do the same scoring with less work (issue 14, scale): the same spellings, the same candidates, the
-- same score for each, the same hits as V25.
--
-- Before: the check took every spelling at key similarity 0.3 from the trigram index (thousands for a common name at
-- 1,000,000 records, most of the index work) to walk the first 100 held by a published notice; it walked their
-- holders one row at a time, kept the notices already seen in an array it searched and copied for every row
-- (quadratic in the candidates, up to 10,000), and scored every candidate's names one by one, although namesakes
-- share their name form and their parts. Each score ran several queries per pair of parts (jsonb_array_elements in
-- loops), and every helper set its own search path on each call (a configuration change and its undo per call).
--
-- Now: the spellings are read in bands of similarity from the top (0.6, 0.45, then the threshold), a lower band only
-- when the upper ones hold fewer than 100 spellings with a holder; the holders of a spelling come in one query with
-- their dates of birth; each distinct part of the candidates' forms is compared once with each part of the query's,
-- and each distinct form is scored once from those similarities; each candidate takes the best of its names with its
-- date of birth as before. The helpers read the jsonb by position (no query inside) and run with their caller's
-- search path: they are not SECURITY DEFINER, only the definer calls them (EXECUTE is revoked from PUBLIC) and it
-- pins its path (pg_catalog first, pg_temp last); without a SET clause the date rule (plain SQL) is also inlined.

-- Loads pg_trgm into this session, so that its similarity threshold is a known setting for the SET clause of the
-- check below (see V7).
select similarity('', '');

-- The helpers V19 and V24 wrote keep their bodies; only their per-call SET goes.
alter function fugitives_jaro_winkler(text, text) reset search_path;
alter function fugitives_align(int[], int[], float8[], int, boolean[], boolean[], float8[], float8[]) reset search_path;
alter function fugitives_check_score(float8, int, int, int, int, int, int) reset search_path;

-- NameMatcher.compare of two parts, as V19: the readings are read by position instead of by a query per loop.
create or replace function fugitives_part_similarity(x jsonb, y jsonb) returns float8
    language plpgsql immutable strict
as $$
declare
    wx     text := x ->> 'w';
    wy     text := y ->> 'w';
    tones  boolean := coalesce((x ->> 'm') <> (y ->> 'm'), false);
    rsx    jsonb := x -> 'r';
    rsy    jsonb := y -> 'r';
    nx     int;
    ny     int;
    best   float8 := 0;
    credit float8;
    jw     float8;
    rx     jsonb;
    ry     jsonb;
    ax     text;
    ay     text;
    fx     text;
    fy     text;
    kx     text;
    gx     text;
    gy     text;
    g      text;
    shared boolean;
begin
    if wx is not null and wy is not null and left(wx, 5) = left(wy, 5) then
        return case when wx = wy then 1 else 0 end;
    end if;
    nx := coalesce(jsonb_array_length(rsx), 0);
    ny := coalesce(jsonb_array_length(rsy), 0);
    for i in 0..nx - 1 loop
        rx := rsx -> i;
        ax := rx ->> 0;
        fx := rx ->> 1;
        kx := rx ->> 2;
        gx := rx ->> 3;
        for j in 0..ny - 1 loop
            ry := rsy -> j;
            ay := ry ->> 0;
            fy := ry ->> 1;
            if ax = ay or fx = fy then
                -- Vietnamese tone marks on both sides and different: Hùng is not Hưng.
                if not tones then
                    return 1;
                end if;
                continue;
            end if;
            gy := ry ->> 3;
            if gx <> '' and gy <> '' then
                shared := false;
                foreach g in array string_to_array(trim(both '|' from gx), '|') loop
                    shared := shared or position('|' || g || '|' in gy) > 0;
                end loop;
                if shared then
                    best := greatest(best, 0.95);
                    continue;
                end if;
            end if;
            if (length(ax) = 1 and starts_with(ay, ax)) or (length(ay) = 1 and starts_with(ax, ay)) then
                best := greatest(best, 0.8);
                continue;
            end if;
            if abs(length(fx) - length(fy)) >= 2 then
                continue; -- a syllable more or less (Yixia / Xia) is another name
            end if;
            jw := fugitives_jaro_winkler(fx, fy);
            credit := case when jw <= 0.8 then 0
                           else power((jw - 0.8::float8) / (1 - 0.8::float8), 2) end;
            if credit > 0 and kx <> (ry ->> 2) then
                credit := credit * 0.5;
            elsif credit > 0 then
                credit := greatest(credit, 0.85);
            end if;
            best := greatest(best, credit);
        end loop;
    end loop;
    return best;
end
$$;

-- A tokenization of a name form (its part numbers) as an int array; null for none, as array_agg gave.
create function fugitives_tokenization(t jsonb) returns int[]
    language plpgsql immutable strict
as $$
declare
    out int[];
begin
    for k in 0..jsonb_array_length(t) - 1 loop
        out[k + 1] := (t ->> k)::int;
    end loop;
    return out;
end
$$;

-- NameMatcher.match without the date of birth, as V24, given the similarities of the parts (a's part i against b's
-- part j at i * nb + j + 1, parts numbered from 0); the forms are read by position instead of by queries.
create function fugitives_aligned_score(a jsonb, b jsonb, sims float8[]) returns float8
    language plpgsql immutable
as $$
declare
    pas     jsonb := a -> 'p';
    pbs     jsonb := b -> 'p';
    na      int := jsonb_array_length(a -> 'p');
    nb      int := jsonb_array_length(b -> 'p');
    opt_a   boolean[];
    opt_b   boolean[];
    w_a     float8[];
    w_b     float8[];
    pa      int := (a ->> 'pa')::int;
    pb      int := (b ->> 'pa')::int;
    ta      int[];
    tb      int[];
    tas     jsonb := a -> 't';
    tbs     jsonb := b -> 't';
    nta     int;
    ntb     int;
    given   float8;
    father  float8;
    best    float8 := -1;
    s       float8;
begin
    for i in 0..na - 1 loop
        opt_a[i + 1] := (pas -> i ->> 'o') = '1';
        w_a[i + 1] := coalesce((pas -> i ->> 'f')::float8, 1);
    end loop;
    for j in 0..nb - 1 loop
        opt_b[j + 1] := (pbs -> j ->> 'o') = '1';
        w_b[j + 1] := coalesce((pbs -> j ->> 'f')::float8, 1);
    end loop;
    if pa > 0 and pb > 0 then
        ta := fugitives_tokenization(a -> 't' -> 0);
        tb := fugitives_tokenization(b -> 't' -> 0);
        given := fugitives_align(ta[1:pa], tb[1:pb], sims, nb, opt_a, opt_b, w_a, w_b);
        father := fugitives_align(ta[pa + 2:], tb[pb + 2:], sims, nb, opt_a, opt_b, w_a, w_b);
        return least(given, father) * 0.5 + (given + father) * 0.25;
    end if;
    nta := coalesce(jsonb_array_length(tas), 0);
    ntb := coalesce(jsonb_array_length(tbs), 0);
    for i in 0..nta - 1 loop
        ta := fugitives_tokenization(tas -> i);
        for k in 0..ntb - 1 loop
            s := fugitives_align(ta, fugitives_tokenization(tbs -> k), sims, nb, opt_a, opt_b, w_a, w_b);
            if s > best then
                best := s;
            end if;
        end loop;
    end loop;
    return greatest(best, 0);
end
$$;

-- NameMatcher.match without the date of birth, as V24. The check no longer calls it: it scores through
-- fugitives_part_similarity and fugitives_aligned_score, so a change of the matcher's rules goes there.
create or replace function fugitives_name_score(a jsonb, b jsonb) returns float8
    language plpgsql immutable strict
as $$
declare
    pas  jsonb := a -> 'p';
    pbs  jsonb := b -> 'p';
    na   int := jsonb_array_length(a -> 'p');
    nb   int := jsonb_array_length(b -> 'p');
    sims float8[] := array_fill(0::float8, array[greatest(na * nb, 1)]);
    x    jsonb;
begin
    for i in 0..na - 1 loop
        x := pas -> i;
        for j in 0..nb - 1 loop
            sims[i * nb + j + 1] := fugitives_part_similarity(x, pbs -> j);
        end loop;
    end loop;
    return fugitives_aligned_score(a, b, sims);
end
$$;

-- fugitives_name_score with the similarities of b's parts against a's parts taken from those a check already
-- computed: p_parts maps a part (its jsonb text) to its number n, p_sims holds its similarity to a's part i at
-- n * (a's part count) + i + 1. Namesakes and relatives share parts (Kim, Nguyen, Min), so a check compares each
-- distinct part once instead of once per name holding it. A part not in the map is compared here.
create function fugitives_name_score_given(a jsonb, b jsonb, p_parts jsonb, p_sims float8[]) returns float8
    language plpgsql immutable
as $$
declare
    pas  jsonb := a -> 'p';
    pbs  jsonb := b -> 'p';
    na   int := jsonb_array_length(a -> 'p');
    nb   int := jsonb_array_length(b -> 'p');
    sims float8[] := array_fill(0::float8, array[greatest(na * nb, 1)]);
    y    jsonb;
    n    int;
begin
    for j in 0..nb - 1 loop
        y := pbs -> j;
        n := (p_parts ->> (y::text))::int;
        for i in 0..na - 1 loop
            sims[i * nb + j + 1] := case when n is null then fugitives_part_similarity(pas -> i, y)
                                         else p_sims[n * na + i + 1] end;
        end loop;
    end loop;
    return fugitives_aligned_score(a, b, sims);
end
$$;

-- Hit/no-hit, as V25 decides it: the same spellings (most similar first, at most 100 held by a published notice whose
-- date of birth does not contradict), the same holders of each (at most 100), each scored by its best name and date.
create or replace function fugitives_identity_check(p_keys text[], p_form jsonb, p_key_threshold real, p_min real,
                                         p_year int, p_month int, p_day int, p_document text)
    returns table (owner_country text, reference text)
    language plpgsql volatile security definer
    set search_path = pg_catalog, public, pg_temp
    set pg_trgm.similarity_threshold = 0.3
as $$
#variable_conflict use_column
declare
    v_tenant   text   := current_setting('chainbreaker.tenant', true);
    v_hits     uuid[] := '{}';
    v_ids      uuid[] := '{}';
    v_holders  uuid[];
    v_year     int[]  := '{}';
    v_month    int[]  := '{}';
    v_day      int[]  := '{}';
    v_years    int[];
    v_months   int[];
    v_days     int[];
    v_spelling int    := 0;
    v_bands    real[] := array[0.6, 0.45, 0];
    v_low      real;
    v_high     real;
    r          record;
begin
    if v_tenant is null or v_tenant = '' then
        return;
    end if;
    if cardinality(p_keys) > 0 and p_form is not null then
        -- The spellings in the order V25 walks them (most similar first, then by hash), read in bands of similarity
        -- from the top: a band holds every spelling whose best similarity lies in it, so walking the bands one after
        -- the other is walking that order, and the lower bands (most of the index work) are read only when the
        -- upper ones hold fewer than 100 spellings with a holder. In an upper band the index looks a little below
        -- the band (it compares in double precision, the band in real); the last band is V25's query.
        foreach v_low in array v_bands loop
            if v_low > p_key_threshold then
                perform set_config('pg_trgm.similarity_threshold', (v_low - 0.001)::text, true);
            else
                v_low := p_key_threshold;
                perform set_config('pg_trgm.similarity_threshold', greatest(p_key_threshold, 0.1)::text, true);
            end if;
            for r in select d.key_hash as hash
                       from unnest(p_keys) q(key)
                       join name_key_dictionary d on d.key % q.key
                      where similarity(d.key, q.key) >= p_key_threshold
                      group by d.key_hash
                     having max(similarity(d.key, q.key)) >= v_low
                        and (v_high is null or max(similarity(d.key, q.key)) < v_high)
                      order by max(similarity(d.key, q.key)) desc, 1
            loop
                exit when v_spelling >= 100;
                -- The year of birth is on the key too (as the search reads it): holders born in other years are
                -- left out before their notice is read.
                select array_agg(h.id), array_agg(h.birth_year), array_agg(h.birth_month), array_agg(h.birth_day)
                  into v_holders, v_years, v_months, v_days
                  from (select w.id, w.birth_year, w.birth_month, w.birth_day
                          from wanted_person_name_keys k
                          join wanted_persons w on w.id = k.wanted_person_id
                         where k.key_hash = r.hash
                           and (p_year = 0 or coalesce(k.birth_year, 0) = 0 or abs(k.birth_year - p_year) <= 1)
                           and w.notice_status = 'PUBLISHED'
                           and (p_year = 0 or coalesce(w.birth_year, 0) = 0 or abs(w.birth_year - p_year) <= 1)
                         order by (w.birth_year = p_year) desc nulls last, w.id
                         limit 100) h;
                if v_holders is not null then
                    v_ids := v_ids || v_holders;
                    v_year := v_year || v_years;
                    v_month := v_month || v_months;
                    v_day := v_day || v_days;
                    v_spelling := v_spelling + 1;
                end if;
            end loop;
            exit when v_spelling >= 100 or v_low <= p_key_threshold;
            v_high := v_low;
        end loop;
        -- Namesakes share a name form: each distinct form is scored once against the query's, and each distinct
        -- part of those forms is compared once with each part of the query's.
        with candidates as materialized (
                 select distinct c.id, c.birth_year, c.birth_month, c.birth_day
                   from unnest(v_ids, v_year, v_month, v_day) c(id, birth_year, birth_month, birth_day)),
             names as materialized (
                 select c.id, c.birth_year, c.birth_month, c.birth_day, f.form
                   from candidates c
                   join wanted_person_name_forms f on f.wanted_person_id = c.id),
             forms as materialized (
                 select distinct n.form from names n),
             parts as materialized (
                 select d.key, d.part, (row_number() over (order by d.key) - 1)::int as n
                   from (select distinct on (e::text) e::text as key, e as part
                           from forms f, jsonb_array_elements(f.form -> 'p') e) d),
             compared as materialized (
                 select (select jsonb_object_agg(x.key, x.n) from parts x) as numbers,
                        (select array_agg(c.sim order by x.n, c.i)
                           from parts x
                          cross join lateral (select q.i, fugitives_part_similarity(q.e, x.part) as sim
                                                from jsonb_array_elements(p_form -> 'p') with ordinality q(e, i)) c)
                            as sims),
             scored as materialized (
                 select f.form, fugitives_name_score_given(p_form, f.form, c.numbers, c.sims) as score
                   from forms f, compared c)
        select coalesce(array_agg(h.id), '{}') into v_hits
          from (select n.id
                  from names n
                  join scored s on s.form = n.form
                 group by n.id
                having max(fugitives_check_score(s.score, p_year, p_month, p_day,
                                                 n.birth_year, n.birth_month, n.birth_day)) >= p_min) h;
    end if;
    return query
        select distinct w.owner_country, w.reference
          from wanted_persons w
         where w.notice_status = 'PUBLISHED'
           and (w.id = any(v_hits)
                or (p_document <> '' and w.id in (select d.wanted_person_id from wanted_person_documents d
                                                   where d.number_index = p_document)))
         order by 1, 2;
end
$$;

revoke all on function fugitives_tokenization(jsonb) from public;
revoke all on function fugitives_aligned_score(jsonb, jsonb, float8[]) from public;
revoke all on function fugitives_name_score_given(jsonb, jsonb, jsonb, float8[]) from public;
comment on function fugitives_identity_check(text[], jsonb, real, real, int, int, int, text) is
    'Hit/no-hit against every country''s PUBLISHED notices (p_document: a blind index): owner and reference only [backstop: cross-tenant]';

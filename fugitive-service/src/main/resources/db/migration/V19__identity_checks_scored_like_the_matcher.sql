-- Identity checks scored by the matcher's own rules, inside the database (issue 14).
--
-- Before (V10): across scripts a check hit on search-key similarity >= 0.6, so it missed Khmer, Thai and southern
-- Chinese spellings that NameMatcher.check finds, and let through one-syllable changes it refuses. The checking
-- country still may not learn other countries' names, so the service cannot run NameMatcher on them.
--
-- Now each record stores, per name, what NameMatcher reads of it (NameForm: tokenizations, per part its readings
-- with their phonetic fold, consonant skeleton and variant groups, written form, tone-marked form, optional flag;
-- computed by the service), readable only by its owner. The query's form comes with the check; the definer scores
-- the two with a port of NameMatcher.match (same part-set alignment, same part rules, same patronymic rule) and
-- the same date-of-birth evidence as NameMatcher.check, and answers owner and reference of hits only.

create table wanted_person_name_forms (
    wanted_person_id uuid  not null references wanted_persons (id) on delete cascade,
    owner_country    text  not null,
    name_no          int   not null,
    form             jsonb not null,
    primary key (wanted_person_id, name_no)
);

alter table wanted_person_name_forms enable row level security;
create policy name_forms_read_by_owner on wanted_person_name_forms for select
    using (owner_country = current_setting('chainbreaker.tenant', true));
create policy name_forms_written_by_owner on wanted_person_name_forms for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true)
                and fugitives_owns(wanted_person_id, current_setting('chainbreaker.tenant', true)));
create policy name_forms_deleted_by_owner on wanted_person_name_forms for delete
    using (owner_country = current_setting('chainbreaker.tenant', true));
grant select, insert, delete on wanted_person_name_forms to ${app_role};

-- NameMatcher.jaroWinkler.
create function fugitives_jaro_winkler(s text, t text) returns float8
    language plpgsql immutable strict
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    ls      int := length(s);
    lt      int := length(t);
    cs      text[];
    ct      text[];
    range   int;
    ms      boolean[];
    mt      boolean[];
    matches int := 0;
    trans   int := 0;
    k       int := 1;
    prefix  int := 0;
    jaro    float8;
begin
    if s = t then
        return 1;
    end if;
    if ls = 0 or lt = 0 then
        return 0;
    end if;
    cs := string_to_array(s, null);
    ct := string_to_array(t, null);
    range := greatest(0, greatest(ls, lt) / 2 - 1);
    ms := array_fill(false, array[ls]);
    mt := array_fill(false, array[lt]);
    for i in 1..ls loop
        for j in greatest(1, i - range)..least(lt, i + range) loop
            if not mt[j] and cs[i] = ct[j] then
                ms[i] := true;
                mt[j] := true;
                matches := matches + 1;
                exit;
            end if;
        end loop;
    end loop;
    if matches = 0 then
        return 0;
    end if;
    for i in 1..ls loop
        if ms[i] then
            while not mt[k] loop
                k := k + 1;
            end loop;
            if cs[i] <> ct[k] then
                trans := trans + 1;
            end if;
            k := k + 1;
        end if;
    end loop;
    jaro := (matches::float8 / ls + matches::float8 / lt + (matches - trans / 2.0::float8) / matches) / 3;
    while prefix < least(4, ls, lt) and cs[prefix + 1] = ct[prefix + 1] loop
        prefix := prefix + 1;
    end loop;
    return jaro + prefix * 0.1::float8 * (1 - jaro);
end
$$;

-- NameMatcher.compare of two parts (NameForm part objects): the characters decide when both are written in one
-- script; otherwise the best over all pairs of readings of compareReadings.
create function fugitives_part_similarity(x jsonb, y jsonb) returns float8
    language plpgsql immutable strict
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    wx     text := x ->> 'w';
    wy     text := y ->> 'w';
    tones  boolean := coalesce((x ->> 'm') <> (y ->> 'm'), false);
    best   float8 := 0;
    credit float8;
    jw     float8;
    rx     jsonb;
    ry     jsonb;
    gx     text;
    gy     text;
    g      text;
    fx     text;
    fy     text;
    shared boolean;
begin
    if wx is not null and wy is not null and left(wx, 5) = left(wy, 5) then
        return case when wx = wy then 1 else 0 end;
    end if;
    for rx in select e from jsonb_array_elements(x -> 'r') e loop
        fx := rx ->> 1;
        gx := rx ->> 3;
        for ry in select e from jsonb_array_elements(y -> 'r') e loop
            fy := ry ->> 1;
            if (rx ->> 0) = (ry ->> 0) or fx = fy then
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
            if (length(rx ->> 0) = 1 and starts_with(ry ->> 0, rx ->> 0))
               or (length(ry ->> 0) = 1 and starts_with(rx ->> 0, ry ->> 0)) then
                best := greatest(best, 0.8);
                continue;
            end if;
            if abs(length(fx) - length(fy)) >= 2 then
                continue; -- a syllable more or less (Yixia / Xia) is another name
            end if;
            jw := fugitives_jaro_winkler(fx, fy);
            credit := case when jw <= 0.8 then 0
                           else power((jw - 0.8::float8) / (1 - 0.8::float8), 2) end;
            if credit > 0 and (rx ->> 2) <> (ry ->> 2) then
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

-- NameMatcher.align: greedy best-first alignment of the parts ta (of a) and tb (of b), order-free; sims holds the
-- part similarities row by row (a's part i, b's part j at i * nb + j + 1, parts numbered from 0).
create function fugitives_align(ta int[], tb int[], sims float8[], nb int, opt_a boolean[], opt_b boolean[])
    returns float8
    language plpgsql immutable
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    n       int := coalesce(cardinality(ta), 0);
    m       int := coalesce(cardinality(tb), 0);
    used_a  boolean[] := array_fill(false, array[greatest(n, 1)]);
    used_b  boolean[] := array_fill(false, array[greatest(m, 1)]);
    matched float8 := 0;
    bs      float8;
    bi      int;
    bj      int;
    s       float8;
    count_a int := 0;
    count_b int := 0;
    left_a  int := 0;
    left_b  int := 0;
    score   float8;
begin
    loop
        bi := 0;
        bj := 0;
        bs := 0.3::float8 - 1e-9::float8;
        for i in 1..n loop
            continue when used_a[i];
            for j in 1..m loop
                continue when used_b[j];
                s := sims[ta[i] * nb + tb[j] + 1];
                if s > bs then
                    bs := s;
                    bi := i;
                    bj := j;
                end if;
            end loop;
        end loop;
        exit when bi = 0;
        used_a[bi] := true;
        used_b[bj] := true;
        matched := matched + bs;
    end loop;
    for i in 1..n loop
        if used_a[i] or not opt_a[ta[i] + 1] then
            count_a := count_a + 1;
        end if;
        if not used_a[i] and not opt_a[ta[i] + 1] then
            left_a := left_a + 1;
        end if;
    end loop;
    for j in 1..m loop
        if used_b[j] or not opt_b[tb[j] + 1] then
            count_b := count_b + 1;
        end if;
        if not used_b[j] and not opt_b[tb[j] + 1] then
            left_b := left_b + 1;
        end if;
    end loop;
    score := case when count_a + count_b = 0 then 0 else 2 * matched / (count_a + count_b) end;
    if left_a > 0 and left_b > 0 then
        score := score * 0.75; -- each side has a part the other lacks: a different name, not a shorter one
    end if;
    return score;
end
$$;

-- NameMatcher.match without the date of birth: best alignment over every pair of tokenizations, or for two
-- patronymic names own name against own name and father against father.
create function fugitives_name_score(a jsonb, b jsonb) returns float8
    language plpgsql immutable strict
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    na     int := jsonb_array_length(a -> 'p');
    nb     int := jsonb_array_length(b -> 'p');
    sims   float8[] := array_fill(0::float8, array[greatest(na * nb, 1)]);
    opt_a  boolean[];
    opt_b  boolean[];
    pa     int := (a ->> 'pa')::int;
    pb     int := (b ->> 'pa')::int;
    ta     int[];
    tb     int[];
    parts_a int[];
    parts_b int[];
    given  float8;
    father float8;
    best   float8 := -1;
    s      float8;
    x      jsonb;
    y      jsonb;
begin
    select array_agg((e ->> 'o') = '1' order by n) into opt_a from jsonb_array_elements(a -> 'p') with ordinality t(e, n);
    select array_agg((e ->> 'o') = '1' order by n) into opt_b from jsonb_array_elements(b -> 'p') with ordinality t(e, n);
    for i in 0..na - 1 loop
        x := a -> 'p' -> i;
        for j in 0..nb - 1 loop
            y := b -> 'p' -> j;
            sims[i * nb + j + 1] := fugitives_part_similarity(x, y);
        end loop;
    end loop;
    if pa > 0 and pb > 0 then
        select array_agg(v::int order by n) into parts_a from jsonb_array_elements_text(a -> 't' -> 0) with ordinality t(v, n);
        select array_agg(v::int order by n) into parts_b from jsonb_array_elements_text(b -> 't' -> 0) with ordinality t(v, n);
        given := fugitives_align(parts_a[1:pa], parts_b[1:pb], sims, nb, opt_a, opt_b);
        father := fugitives_align(parts_a[pa + 2:], parts_b[pb + 2:], sims, nb, opt_a, opt_b);
        return least(given, father) * 0.5 + (given + father) * 0.25;
    end if;
    for x in select e from jsonb_array_elements(a -> 't') e loop
        select array_agg(v::int order by n) into ta from jsonb_array_elements_text(x) with ordinality t(v, n);
        for y in select e from jsonb_array_elements(b -> 't') e loop
            select array_agg(v::int order by n) into tb from jsonb_array_elements_text(y) with ordinality t(v, n);
            s := fugitives_align(ta, tb, sims, nb, opt_a, opt_b);
            if s > best then
                best := s;
            end if;
        end loop;
    end loop;
    return greatest(best, 0);
end
$$;

-- NameMatcher.check: the name score moved by the date of birth (PartialDate.compare: exact agreement a quarter of
-- the way to 1, a compatible partial date a tenth, one year apart -0.15), and 0 when the dates conflict.
create function fugitives_check_score(p_name float8, y1 int, m1 int, d1 int, y2 int, m2 int, d2 int) returns float8
    language sql immutable
    set search_path = pg_catalog, public, pg_temp
as $$
    select greatest(0::float8, least(1::float8,
        case
            when coalesce(y1, 0) = 0 or coalesce(y2, 0) = 0 then p_name
            when y1 <> y2 then
                case when abs(y1 - y2) = 1
                          and (coalesce(m1, 0) = 0 or coalesce(m2, 0) = 0 or m1 = m2)
                          and (coalesce(d1, 0) = 0 or coalesce(d2, 0) = 0 or d1 = d2)
                     then p_name - 0.15::float8 else 0 end
            when coalesce(m1, 0) <> 0 and coalesce(m2, 0) <> 0 and m1 <> m2 then 0
            when coalesce(d1, 0) <> 0 and coalesce(d2, 0) <> 0 and d1 <> d2 then 0
            when coalesce(m1, 0) <> 0 and coalesce(d1, 0) <> 0 and coalesce(m2, 0) <> 0 and coalesce(d2, 0) <> 0
                then p_name + (1 - p_name) * 0.25::float8
            else p_name + (1 - p_name) * 0.1::float8
        end))
$$;

-- Hit/no-hit: candidates are the PUBLISHED holders of spellings similar to the query's keys (most similar first,
-- as the search gathers its candidates; at most 100 spellings held by a published notice, at most 100 notices a
-- spelling), each scored by its best name against the query's form; a hit from p_min. A document number still hits
-- by itself. Answers only owner and reference.
drop function fugitives_identity_check(text[], text[], real, real, int, int, int, text);

create function fugitives_identity_check(p_keys text[], p_form jsonb, p_key_threshold real, p_min real,
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
    v_seen     uuid[] := '{}';
    v_spelling int    := 0;
    r          record;
    c          record;
begin
    if v_tenant is null or v_tenant = '' then
        return;
    end if;
    perform set_config('pg_trgm.similarity_threshold', greatest(p_key_threshold, 0.1)::text, true);
    if cardinality(p_keys) > 0 and p_form is not null then
        for r in select d.key_hash as hash
                   from unnest(p_keys) q(key)
                   join name_key_dictionary d on d.key % q.key
                  where similarity(d.key, q.key) >= p_key_threshold
                  group by d.key_hash
                  order by max(similarity(d.key, q.key)) desc, 1
        loop
            exit when v_spelling >= 100;
            for c in select w.id, w.birth_year, w.birth_month, w.birth_day
                       from wanted_person_name_keys k
                       join wanted_persons w on w.id = k.wanted_person_id
                      where k.key_hash = r.hash
                        and w.notice_status = 'PUBLISHED'
                        and (p_year = 0 or coalesce(w.birth_year, 0) = 0 or abs(w.birth_year - p_year) <= 1)
                      order by (w.birth_year = p_year) desc nulls last, w.id
                      limit 100
            loop
                if not (c.id = any(v_seen)) then
                    v_seen := v_seen || c.id;
                    if (select max(fugitives_check_score(fugitives_name_score(p_form, f.form),
                                                        p_year, p_month, p_day,
                                                        c.birth_year, c.birth_month, c.birth_day))
                          from wanted_person_name_forms f
                         where f.wanted_person_id = c.id) >= p_min then
                        v_hits := v_hits || c.id;
                    end if;
                end if;
            end loop;
            if found then
                v_spelling := v_spelling + 1;
            end if;
        end loop;
    end if;
    return query
        select distinct w.owner_country, w.reference
          from wanted_persons w
         where w.notice_status = 'PUBLISHED'
           and (w.id = any(v_hits)
                or (p_document <> '' and w.id in (select d.wanted_person_id from wanted_person_documents d
                                                   where d.number = p_document)))
         order by 1, 2;
end
$$;

revoke all on function fugitives_jaro_winkler(text, text) from public;
revoke all on function fugitives_part_similarity(jsonb, jsonb) from public;
revoke all on function fugitives_align(int[], int[], float8[], int, boolean[], boolean[]) from public;
revoke all on function fugitives_name_score(jsonb, jsonb) from public;
revoke all on function fugitives_check_score(float8, int, int, int, int, int, int) from public;
revoke all on function fugitives_identity_check(text[], jsonb, real, real, int, int, int, text) from public;
grant execute on function fugitives_identity_check(text[], jsonb, real, real, int, int, int, text) to ${app_role};
comment on function fugitives_identity_check(text[], jsonb, real, real, int, int, int, text) is
    'Hit/no-hit against every country''s PUBLISHED notices: owner and reference only [backstop: cross-tenant]';
-- The forms of records stored before this migration are filled in by V19_1 (Java: the service's normaliser).

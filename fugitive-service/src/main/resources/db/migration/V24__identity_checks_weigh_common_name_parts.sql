-- Identity checks weigh name parts by how common they are, as NameMatcher does since issue 14's fifth session
-- (PartFrequency): a part's weight travels in the name form ("f", present when under 1; V23 writes it into the
-- forms of records stored earlier), and the share of matched parts counts each part by its weight. With every weight
-- 1 this is V19's rule unchanged.

create function fugitives_align(ta int[], tb int[], sims float8[], nb int, opt_a boolean[], opt_b boolean[],
                                w_a float8[], w_b float8[])
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
    count_a float8 := 0;
    count_b float8 := 0;
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
        matched := matched + bs * (w_a[ta[bi] + 1] + w_b[tb[bj] + 1]) / 2;
    end loop;
    for i in 1..n loop
        if used_a[i] or not opt_a[ta[i] + 1] then
            count_a := count_a + w_a[ta[i] + 1];
        end if;
        if not used_a[i] and not opt_a[ta[i] + 1] then
            left_a := left_a + 1;
        end if;
    end loop;
    for j in 1..m loop
        if used_b[j] or not opt_b[tb[j] + 1] then
            count_b := count_b + w_b[tb[j] + 1];
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

create or replace function fugitives_name_score(a jsonb, b jsonb) returns float8
    language plpgsql immutable strict
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    na     int := jsonb_array_length(a -> 'p');
    nb     int := jsonb_array_length(b -> 'p');
    sims   float8[] := array_fill(0::float8, array[greatest(na * nb, 1)]);
    opt_a  boolean[];
    opt_b  boolean[];
    w_a    float8[];
    w_b    float8[];
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
    select array_agg((e ->> 'o') = '1' order by n), array_agg(coalesce((e ->> 'f')::float8, 1) order by n)
      into opt_a, w_a from jsonb_array_elements(a -> 'p') with ordinality t(e, n);
    select array_agg((e ->> 'o') = '1' order by n), array_agg(coalesce((e ->> 'f')::float8, 1) order by n)
      into opt_b, w_b from jsonb_array_elements(b -> 'p') with ordinality t(e, n);
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
        given := fugitives_align(parts_a[1:pa], parts_b[1:pb], sims, nb, opt_a, opt_b, w_a, w_b);
        father := fugitives_align(parts_a[pa + 2:], parts_b[pb + 2:], sims, nb, opt_a, opt_b, w_a, w_b);
        return least(given, father) * 0.5 + (given + father) * 0.25;
    end if;
    for x in select e from jsonb_array_elements(a -> 't') e loop
        select array_agg(v::int order by n) into ta from jsonb_array_elements_text(x) with ordinality t(v, n);
        for y in select e from jsonb_array_elements(b -> 't') e loop
            select array_agg(v::int order by n) into tb from jsonb_array_elements_text(y) with ordinality t(v, n);
            s := fugitives_align(ta, tb, sims, nb, opt_a, opt_b, w_a, w_b);
            if s > best then
                best := s;
            end if;
        end loop;
    end loop;
    return greatest(best, 0);
end
$$;

drop function fugitives_align(int[], int[], float8[], int, boolean[], boolean[]);
revoke all on function fugitives_align(int[], int[], float8[], int, boolean[], boolean[], float8[], float8[]) from public;
revoke all on function fugitives_name_score(jsonb, jsonb) from public;

-- Identity-document numbers leave the database's sight (issue 18): each number of wanted_persons.document_numbers is
-- sealed under the owning country's key by the service, and the normalised numbers that identity checks compare are
-- stored only as their keyed blind index (HMAC-SHA256 under the deployment's blind-index key in the PKCS#11 token,
-- 'bi1:<hex>', the case-service's identifiers' index). The column says what it now holds; the identity check compares
-- the caller's number as the service indexed it (p_document is a blind index, '' for none), never a number. What the
-- index reveals to whoever reads the database: which records hold the same document number, within and across
-- countries; not the number. Rows stored before are re-keyed by V26 (Java: the token computes the index).
alter table wanted_person_documents rename column number to number_index;
alter index wanted_person_documents_by_number rename to wanted_person_documents_by_number_index;
comment on column wanted_person_documents.number_index is
    'Blind index (bi1:<hex>, HMAC-SHA256 in the token) of a normalised document number: equal numbers, equal index';

-- As V19, comparing the blind index.
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
                                                   where d.number_index = p_document)))
         order by 1, 2;
end
$$;

comment on function fugitives_identity_check(text[], jsonb, real, real, int, int, int, text) is
    'Hit/no-hit against every country''s PUBLISHED notices (p_document: a blind index): owner and reference only [backstop: cross-tenant]';

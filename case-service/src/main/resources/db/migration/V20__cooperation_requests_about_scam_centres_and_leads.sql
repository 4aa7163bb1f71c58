-- Cooperation requests about scam centres and leads (issue 16), in the same table and under the same rules as those
-- about cases: each row names the kind of record it is about. subject_id is the scam centre's or the lead's id for
-- those kinds, so it no longer references cases (cases are never deleted; a request about a deleted centre or lead
-- finds nothing to grant and its answer fails, changing nothing).

alter table case_cooperation_requests
    add column subject_kind text not null default 'case' check (subject_kind in ('case', 'scam_centre', 'lead'));
alter table case_cooperation_requests drop constraint case_cooperation_requests_subject_id_fkey;

drop index case_requests_by_target;
create index case_requests_by_target
    on case_cooperation_requests (requester_country, owner_country, subject_kind, reference, ask_time);

-- The record of a kind a request of the session's country may be about; null for any other reference, existing or
-- not, so the answer is the same NOT_FOUND:
--   case:        as cases_request_subject (an identifier hit of the session's country, or a live grant);
--   scam_centre: a centre of p_owner (named by its id) the session's country was granted, directly or through a
--                group, whether the grant is live or expired (it saw the centre); a revoked grant is gone and with it
--                the right to ask;
--   lead:        a lead of a case of p_owner (named by its id) the session's country sees: a live grant of the case,
--                or the lead assigned to it.
create function cases_request_subject(p_kind text, p_owner text, p_reference text) returns uuid
    language plpgsql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_id uuid;
begin
    if p_owner = current_setting('chainbreaker.tenant', true) then
        return null;
    end if;
    if p_kind = 'case' then
        return public.cases_request_subject(p_owner, p_reference);
    end if;
    if p_reference !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        return null;
    end if;
    v_id := p_reference::uuid;
    if p_kind = 'scam_centre' then
        return (select c.id
                  from public.scam_centres c
                  join public.scam_centre_shares s
                    on s.centre_id = c.id and s.country = current_setting('chainbreaker.tenant', true)
                 where c.id = v_id and c.owner_country = p_owner);
    end if;
    if p_kind = 'lead' then
        return (select l.id
                  from public.case_leads l
                 where l.id = v_id and l.owner_country = p_owner
                   and (l.assigned_country = current_setting('chainbreaker.tenant', true)
                        or exists (select 1 from public.cases_my_grant(l.case_id))));
    end if;
    return null;
end
$$;
revoke all on function cases_request_subject(text, text, text) from public;
grant execute on function cases_request_subject(text, text, text) to ${app_role};

-- The requester asks, and only about a record of that kind the session's country may ask about.
drop policy case_requests_asked_by_requester on case_cooperation_requests;
create policy case_requests_asked_by_requester on case_cooperation_requests for insert
    with check (requester_country = current_setting('chainbreaker.tenant', true)
                and subject_id = cases_request_subject(subject_kind, owner_country, reference));

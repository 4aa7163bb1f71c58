-- Cooperation requests about cases (issue 16): a country asks the owner of a case it learnt of (an identifier hit,
-- a share) and the owner answers. Visible to the two countries only, and to the coordinator tenants once the
-- request passed its deadline unanswered (escalate_time set by the escalation timer). The requester knows the case
-- only by owner and reference; subject_id (the case) is kept for the owner's grant and never shown to the requester.

create table request_coordinators (
    country text primary key
);
insert into request_coordinators (country) values ('INTERPOL'), ('ASEANAPOL');

create table case_cooperation_requests (
    id                 uuid        primary key,
    requester_country  text        not null,
    owner_country      text        not null,
    subject_id         uuid        not null references cases (id) on delete cascade,
    reference          text        not null,
    purpose            text        not null check (char_length(purpose) between 3 and 500),
    legal_basis        text        not null check (char_length(legal_basis) between 3 and 500),
    urgency            text        not null check (urgency in ('ROUTINE', 'URGENT', 'IMMEDIATE')),
    asks               text[]      not null check (cardinality(asks) > 0),
    third_country      text,
    status             text        not null check (status in ('OPEN', 'QUESTIONED', 'GRANTED', 'PARTIALLY_GRANTED',
                                                              'DECLINED', 'WITHDRAWN')),
    ask_time           timestamptz not null,
    deadline           timestamptz not null,
    escalate_time      timestamptz,
    answer_kind        text,
    answer_text        text        not null default '',
    answer_code        text        check (answer_code in ('H0', 'H1', 'H2', 'H3')),
    grant_until        timestamptz,
    granted            text[]      not null default '{}',
    answer_time        timestamptz,
    reply              text        not null default '',
    version            bigint      not null default 1,
    request_id         text,
    request_digest     bytea,
    constraint case_requests_not_to_oneself check (requester_country <> owner_country),
    constraint case_requests_request_unique unique (requester_country, request_id)
);

create index case_requests_by_requester on case_cooperation_requests (requester_country, ask_time desc, id desc);
create index case_requests_by_owner on case_cooperation_requests (owner_country, ask_time desc, id desc);
create index case_requests_by_target on case_cooperation_requests (requester_country, owner_country, reference, ask_time);
create index case_requests_overdue on case_cooperation_requests (deadline) where status = 'OPEN' and escalate_time is null;

alter table case_cooperation_requests enable row level security;

comment on table request_coordinators is
    'The international bodies that see escalated cooperation requests: reference data, read-only for the application [backstop: shared]';

create policy case_requests_visible on case_cooperation_requests for select
    using (requester_country = current_setting('chainbreaker.tenant', true)
           or owner_country = current_setting('chainbreaker.tenant', true)
           or (escalate_time is not null
               and exists (select 1 from request_coordinators c
                            where c.country = current_setting('chainbreaker.tenant', true))));
-- Only the two countries change a request (the service decides which step each may take).
create policy case_requests_changed_by_the_two on case_cooperation_requests for update
    using (current_setting('chainbreaker.tenant', true) in (requester_country, owner_country))
    with check (current_setting('chainbreaker.tenant', true) in (requester_country, owner_country));

-- The case a request of the session's country may be about: a case of p_owner with reference p_reference that the
-- session's country checked and hit (its own CHECK audit entry) or holds a live grant of. Null for any other
-- reference, existing or not, so the answer is the same NOT_FOUND.
create function cases_request_subject(p_owner text, p_reference text) returns uuid
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select c.id
      from public.cases c
     where c.owner_country = p_owner
       and c.reference = p_reference
       and c.owner_country <> current_setting('chainbreaker.tenant', true)
       and (exists (select 1 from public.audit_log a
                     where a.actor_tenant = current_setting('chainbreaker.tenant', true)
                       and a.action = 'CHECK' and a.record_type = 'case_reference'
                       and a.record_owner = p_owner and a.record_id = p_reference)
            or exists (select 1 from public.cases_my_grant(c.id)))
$$;
revoke all on function cases_request_subject(text, text) from public;
grant execute on function cases_request_subject(text, text) to ${app_role};

-- The requester asks, and only about a case the session's country may ask about (cases_request_subject).
create policy case_requests_asked_by_requester on case_cooperation_requests for insert
    with check (requester_country = current_setting('chainbreaker.tenant', true)
                and subject_id = cases_request_subject(owner_country, reference));

-- The escalation timer: marks the session's country's OPEN requests past their deadline escalated, once, and
-- returns them. Rows another replica (or an answering owner) holds are skipped and looked at next round, where the
-- predicate is checked anew: a request is escalated at most once, never after an answer.
create function cases_escalate_due_requests(p_limit int)
    returns table (id uuid, requester_country text, owner_country text, reference text, deadline timestamptz)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with due as (
        select r.id from public.case_cooperation_requests r
         where r.requester_country = current_setting('chainbreaker.tenant', true)
           and r.status = 'OPEN' and r.escalate_time is null and r.deadline <= now()
         order by r.deadline
         limit p_limit
           for update skip locked
    )
    update public.case_cooperation_requests r
       set escalate_time = now(), version = r.version + 1
      from due
     where r.id = due.id
    returning r.id, r.requester_country, r.owner_country, r.reference, r.deadline
$$;
revoke all on function cases_escalate_due_requests(int) from public;
grant execute on function cases_escalate_due_requests(int) to ${app_role};

-- Events of requests: whoever may see the request now (coordinators from the escalation on).
create policy case_request_events_visible on outbox_events for select
    using (record_type = 'cooperation_request'
           and exists (select 1 from case_cooperation_requests r where r.id::text = outbox_events.record_id));

grant select, insert, update on case_cooperation_requests to ${app_role};
grant select on request_coordinators to ${app_role};

-- Events about a request are appended only by one of its two countries (or the timer acting for the requester):
-- nobody forges an event about a request it is not party to.
create policy case_request_events_by_a_party on outbox_events as restrictive for insert
    with check (record_type <> 'cooperation_request'
                or exists (select 1 from case_cooperation_requests r
                            where r.id::text = outbox_events.record_id
                              and current_setting('chainbreaker.tenant', true) in (r.requester_country, r.owner_country)));

-- Cooperation requests about notices (issue 16): a country asks the owner of a PUBLISHED notice it hit by an
-- identity check; the owner answers. Visible to the two countries only, and to the coordinator tenants once the
-- request passed its deadline unanswered. A granted request asking for INFORMATION lets the requester see the
-- notice while it is PUBLISHED and until the owner's grant_until: a new grant beside operations and sightings,
-- added to every place that states the visibility rule (the policy, fugitives_granted, fugitives_session_may_see,
-- and WantedPersonStore.GRANTED).

create table request_coordinators (
    country text primary key
);
insert into request_coordinators (country) values ('INTERPOL'), ('ASEANAPOL');

create table notice_cooperation_requests (
    id                 uuid        primary key,
    requester_country  text        not null,
    owner_country      text        not null,
    subject_id         uuid        not null references wanted_persons (id) on delete cascade,
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
    constraint notice_requests_not_to_oneself check (requester_country <> owner_country),
    constraint notice_requests_request_unique unique (requester_country, request_id)
);

create index notice_requests_by_requester on notice_cooperation_requests (requester_country, ask_time desc, id desc);
create index notice_requests_by_owner on notice_cooperation_requests (owner_country, ask_time desc, id desc);
create index notice_requests_by_target on notice_cooperation_requests (requester_country, owner_country, reference, ask_time);
create index notice_requests_granted on notice_cooperation_requests (subject_id, requester_country)
    where status in ('GRANTED', 'PARTIALLY_GRANTED');
create index notice_requests_overdue on notice_cooperation_requests (deadline) where status = 'OPEN' and escalate_time is null;

alter table notice_cooperation_requests enable row level security;

comment on table request_coordinators is
    'The international bodies that see escalated cooperation requests: reference data, read-only for the application [backstop: shared]';

create policy notice_requests_visible on notice_cooperation_requests for select
    using (requester_country = current_setting('chainbreaker.tenant', true)
           or owner_country = current_setting('chainbreaker.tenant', true)
           or (escalate_time is not null
               and exists (select 1 from request_coordinators c
                            where c.country = current_setting('chainbreaker.tenant', true))));
create policy notice_requests_changed_by_the_two on notice_cooperation_requests for update
    using (current_setting('chainbreaker.tenant', true) in (requester_country, owner_country))
    with check (current_setting('chainbreaker.tenant', true) in (requester_country, owner_country));

-- The notice a request of the session's country may be about: a PUBLISHED notice of p_owner with reference
-- p_reference that the session's country hit by an identity check (its own CHECK audit entry) or may see. Null for
-- any other reference, existing or not, so the answer is the same NOT_FOUND.
create function fugitives_request_subject(p_owner text, p_reference text) returns uuid
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select w.id
      from public.wanted_persons w
     where w.owner_country = p_owner
       and w.reference = p_reference
       and w.notice_status = 'PUBLISHED'
       and w.owner_country <> current_setting('chainbreaker.tenant', true)
       and (exists (select 1 from public.audit_log a
                     where a.actor_tenant = current_setting('chainbreaker.tenant', true)
                       and a.action = 'CHECK' and a.record_type = 'notice'
                       and a.record_owner = p_owner and a.record_id = p_reference)
            or public.fugitives_session_may_see(w.id))
$$;
revoke all on function fugitives_request_subject(text, text) from public;
grant execute on function fugitives_request_subject(text, text) to ${app_role};

create policy notice_requests_asked_by_requester on notice_cooperation_requests for insert
    with check (requester_country = current_setting('chainbreaker.tenant', true)
                and subject_id = fugitives_request_subject(owner_country, reference));

-- Whether the session's country holds a live grant of the notice from a granted request for INFORMATION.
create function fugitives_request_granted(p_wanted_person uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (select 1 from public.notice_cooperation_requests r
                    where r.subject_id = p_wanted_person
                      and r.requester_country = current_setting('chainbreaker.tenant', true)
                      and r.status in ('GRANTED', 'PARTIALLY_GRANTED')
                      and 'INFORMATION' = any (r.granted)
                      and r.grant_until > now())
$$;
revoke all on function fugitives_request_granted(uuid) from public;
grant execute on function fugitives_request_granted(uuid) to ${app_role};

create or replace function fugitives_granted(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and (exists (select 1
                      from public.operation_publications p
                      join public.operation_participants m on m.operation_id = p.operation_id
                      join public.operations o on o.id = p.operation_id
                     where p.wanted_person_id = p_wanted_person
                       and m.country = p_tenant
                       and now() between o.start_time and o.end_time)
            or exists (select 1 from public.sightings s where s.wanted_person_id = p_wanted_person and s.country = p_tenant)
            or public.fugitives_request_granted(p_wanted_person))
$$;

create or replace function fugitives_session_may_see(p_wanted_person uuid) returns boolean
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select exists (
        select 1 from public.wanted_persons w
         where w.id = p_wanted_person
           and (w.owner_country = current_setting('chainbreaker.tenant', true)
                or (w.notice_status = 'PUBLISHED'
                    and (exists (select 1
                                   from public.operation_publications p
                                   join public.operation_participants m on m.operation_id = p.operation_id
                                   join public.operations o on o.id = p.operation_id
                                  where p.wanted_person_id = w.id
                                    and m.country = current_setting('chainbreaker.tenant', true)
                                    and now() between o.start_time and o.end_time)
                         or exists (select 1 from public.sightings s
                                     where s.wanted_person_id = w.id
                                       and s.country = current_setting('chainbreaker.tenant', true))
                         or public.fugitives_request_granted(w.id)))))
$$;

drop policy wanted_persons_visible on wanted_persons;
create policy wanted_persons_visible on wanted_persons for select
    using (owner_country = current_setting('chainbreaker.tenant', true)
           or (notice_status = 'PUBLISHED'
               and (exists (select 1
                              from operation_publications p
                              join operation_participants m on m.operation_id = p.operation_id
                              join operations o on o.id = p.operation_id
                             where p.wanted_person_id = wanted_persons.id
                               and m.country = current_setting('chainbreaker.tenant', true)
                               and now() between o.start_time and o.end_time)
                    or exists (select 1 from sightings s
                                where s.wanted_person_id = wanted_persons.id
                                  and s.country = current_setting('chainbreaker.tenant', true))
                    or fugitives_request_granted(wanted_persons.id))));

create function fugitives_escalate_due_requests(p_limit int)
    returns table (id uuid, requester_country text, owner_country text, reference text, deadline timestamptz)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    with due as (
        select r.id from public.notice_cooperation_requests r
         where r.requester_country = current_setting('chainbreaker.tenant', true)
           and r.status = 'OPEN' and r.escalate_time is null and r.deadline <= now()
         order by r.deadline
         limit p_limit
           for update skip locked
    )
    update public.notice_cooperation_requests r
       set escalate_time = now(), version = r.version + 1
      from due
     where r.id = due.id
    returning r.id, r.requester_country, r.owner_country, r.reference, r.deadline
$$;
revoke all on function fugitives_escalate_due_requests(int) from public;
grant execute on function fugitives_escalate_due_requests(int) to ${app_role};

create policy notice_request_events_visible on outbox_events for select
    using (record_type = 'cooperation_request'
           and exists (select 1 from notice_cooperation_requests r where r.id::text = outbox_events.record_id));

grant select, insert, update on notice_cooperation_requests to ${app_role};
grant select on request_coordinators to ${app_role};

-- Events about a request are appended only by one of its two countries (or the timer acting for the requester):
-- nobody forges an event about a request it is not party to.
create policy notice_request_events_by_a_party on outbox_events as restrictive for insert
    with check (record_type <> 'cooperation_request'
                or exists (select 1 from notice_cooperation_requests r
                            where r.id::text = outbox_events.record_id
                              and current_setting('chainbreaker.tenant', true) in (r.requester_country, r.owner_country)));

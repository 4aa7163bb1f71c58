-- Emergency rescue requests: a requesting country asks a host country to rescue people held on its territory. The
-- host must acknowledge within a configured time, or the request is escalated to the coordinators.
--
-- Who sees a rescue request: the requesting and the host country; the coordinator tenants only once it is
-- escalated. The requesting country raises it; only the two countries change it (the service lets only the host
-- acknowledge and record the outcome); escalation is done by the timer through rescue_escalate_due.

create table rescue_requests (
    id                     uuid        primary key,
    requesting_country     text        not null,
    host_country           text        not null,
    province               text        not null,
    place_description      text        not null,
    latitude               double precision,
    longitude              double precision,
    estimated_people       int         not null check (estimated_people between 1 and 100000),
    nationalities          text[]      not null,
    source                 text        not null,
    status                 text        not null check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    acknowledge_deadline   timestamptz not null,
    acknowledge_time       timestamptz,
    acknowledged_by        text        not null default '',
    escalated              boolean     not null default false,
    escalate_time          timestamptz,
    rescue_date            date,
    rescued_nationalities  text[]      not null default '{}',
    rescued_counts         int[]       not null default '{}',
    version                bigint      not null default 1,
    request_id             text,
    create_time            timestamptz not null,
    update_time            timestamptz not null,
    constraint rescue_requests_two_countries check (requesting_country <> host_country),
    constraint rescue_requests_coordinates check ((latitude is null) = (longitude is null)),
    -- Scoped to the requesting country, so no conflict can reveal another country's request.
    constraint rescue_requests_request_unique unique (requesting_country, request_id)
);

create index rescue_requests_by_requesting on rescue_requests (requesting_country, create_time desc, id desc);
create index rescue_requests_by_host on rescue_requests (host_country, create_time desc, id desc);
create index rescue_requests_overdue on rescue_requests (acknowledge_deadline) where status = 'OPEN' and not escalated;

-- Victim returns opened from a rescue outcome point back to it.
alter table repatriations add column rescue_request_id uuid references rescue_requests (id);
create index repatriations_by_rescue on repatriations (rescue_request_id) where rescue_request_id is not null;

alter table rescue_requests enable row level security;

create policy rescue_requests_visible on rescue_requests for select
    using (requesting_country = current_setting('chainbreaker.tenant', true)
           or host_country = current_setting('chainbreaker.tenant', true)
           or (escalated and exists (select 1 from coordinator_countries c
                                      where c.country = current_setting('chainbreaker.tenant', true))));
create policy rescue_requests_raised_by_requester on rescue_requests for insert
    with check (requesting_country = current_setting('chainbreaker.tenant', true));
create policy rescue_requests_changed_by_the_two_countries on rescue_requests for update
    using (current_setting('chainbreaker.tenant', true) in (requesting_country, host_country))
    with check (current_setting('chainbreaker.tenant', true) in (requesting_country, host_country));

-- The escalation timer: marks OPEN requests past their deadline escalated, once, and returns them. Rows another
-- replica is escalating (or a host is acknowledging) right now are skipped and looked at again next round, where
-- the predicate is checked anew; so each request is escalated at most once, and never after an acknowledgement.
create function rescue_escalate_due(p_limit int)
    returns table (id uuid, requesting_country text, host_country text)
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    with due as (
        select r.id from rescue_requests r
         where r.status = 'OPEN' and not r.escalated and r.acknowledge_deadline <= now()
         order by r.acknowledge_deadline
         limit p_limit
           for update skip locked
    )
    update rescue_requests r
       set escalated = true, escalate_time = now(), version = r.version + 1, update_time = now()
      from due
     where r.id = due.id
    returning r.id, r.requesting_country, r.host_country
$$;

-- Events of rescue requests: whoever may see the request now (so coordinators see them from the escalation on).
create policy rescue_events_visible on outbox_events for select
    using (record_type = 'rescue_request'
           and exists (select 1 from rescue_requests r where r.id::text = outbox_events.record_id));

revoke all on function rescue_escalate_due(int) from public;
grant execute on function rescue_escalate_due(int) to ${app_role};
grant select, insert, update on rescue_requests to ${app_role};

-- The delivery of a custody handover to the fugitive-service (the wanted person becomes TRANSFERRED there).
-- Committed in the handover's transaction; a relay sends it until the fugitive-service acknowledges it.
--
-- What everyone who sees the repatriation may see of the delivery lives on the repatriation (state, attempts, last
-- error); the call itself, with the token of the officer it acts for, lives in custody_deliveries, readable by that
-- officer's country only, and is removed once the delivery is settled.

alter table repatriations
    add column custody_delivery               text check (custody_delivery in ('PENDING', 'DELIVERED', 'REFUSED')),
    add column custody_delivery_attempts      int         not null default 0,
    add column custody_delivery_error         text        not null default '',
    add column custody_delivery_next_attempt  timestamptz,
    add column custody_delivery_token_expiry  timestamptz,
    add column custody_delivery_settle_time   timestamptz;

create table custody_deliveries (
    repatriation_id    uuid        primary key references repatriations (id) on delete cascade,
    wanted_person_id   uuid        not null,
    handover_time      timestamptz not null,
    from_country       text        not null,
    to_country         text        not null,
    tenant             text        not null,
    actor_user         text        not null,
    actor_client       text        not null,
    token              text        not null,
    token_expiry       timestamptz not null,
    next_attempt_time  timestamptz not null
);

create index custody_deliveries_due on custody_deliveries (next_attempt_time);

-- The due deliveries whose token is still valid (or only the given one, due or not), locked for this transaction
-- (the relay holds the lock while it calls, so a delivery is in flight from one replica at a time); rows another
-- replica holds are skipped.
create function repatriation_claim_custody_deliveries(p_limit int, p_only uuid)
    returns table (repatriation_id uuid, wanted_person_id uuid, handover_time timestamptz, from_country text,
                   to_country text, tenant text, actor_user text, actor_client text, token text, attempts int)
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    select d.repatriation_id, d.wanted_person_id, d.handover_time, d.from_country, d.to_country, d.tenant,
           d.actor_user, d.actor_client, d.token,
           (select r.custody_delivery_attempts from repatriations r where r.id = d.repatriation_id)
      from custody_deliveries d
     where (case when p_only is null then d.next_attempt_time <= now() else d.repatriation_id = p_only end)
       and d.token_expiry > now()
     order by d.next_attempt_time
     limit p_limit
       for update skip locked
$$;

alter table custody_deliveries enable row level security;

-- A pending delivery and its token: the country of the officer it acts for, only, on a repatriation it is a party to.
create policy custody_deliveries_of_tenant on custody_deliveries for all
    using (tenant = current_setting('chainbreaker.tenant', true))
    with check (tenant = current_setting('chainbreaker.tenant', true)
                and repatriation_party(repatriation_id, current_setting('chainbreaker.tenant', true)));

revoke all on function repatriation_claim_custody_deliveries(int, uuid) from public;
grant execute on function repatriation_claim_custody_deliveries(int, uuid) to ${app_role};
grant select, insert, update, delete on custody_deliveries to ${app_role};

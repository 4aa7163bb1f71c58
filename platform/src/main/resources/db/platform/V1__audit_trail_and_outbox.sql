-- Shared by every service, migrated before the service's own migrations (own history table).
-- The application role gets no INSERT/UPDATE/DELETE on these tables: it appends and reads through
-- SECURITY DEFINER functions, and row-level security limits what it may read directly.

-- ---------------------------------------------------------------------------------------------
-- Audit trail: append-only, each entry chained to the previous one by SHA-256.
-- ---------------------------------------------------------------------------------------------
create table audit_log (
    seq           bigint      primary key,
    at            timestamptz not null,
    actor_tenant  text        not null,
    actor_user    text        not null,
    actor_client  text        not null,
    action        text        not null,
    record_type   text        not null,
    record_id     text        not null,
    record_owner  text        not null,
    purpose       text        not null,
    prev_hash     bytea       not null,
    hash          bytea       not null
);

create index audit_log_by_record on audit_log (record_owner, record_type, record_id, seq);

-- Where the kept chain starts: the genesis, or the last entry removed by retention.
create table audit_anchor (
    singleton  boolean primary key default true check (singleton),
    seq        bigint  not null,
    hash       bytea   not null
);
insert into audit_anchor (seq, hash) values (0, sha256(convert_to('chainbreaker-audit-genesis', 'UTF8')));

-- The exact bytes an entry's hash covers; the same function serves appending and verifying.
create function audit_canonical(p_seq bigint, p_at timestamptz, p_actor_tenant text, p_actor_user text,
                                p_actor_client text, p_action text, p_record_type text, p_record_id text,
                                p_record_owner text, p_purpose text)
    returns bytea language sql immutable
    set search_path = pg_catalog
as $$
    select convert_to(jsonb_build_array(p_seq, to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                        p_actor_tenant, p_actor_user, p_actor_client, p_action, p_record_type,
                                        p_record_id, p_record_owner, p_purpose)::text, 'UTF8')
$$;

create function audit_append(p_actor_tenant text, p_actor_user text, p_actor_client text, p_action text,
                             p_record_type text, p_record_id text, p_record_owner text, p_purpose text)
    returns bigint language plpgsql security definer
    set search_path = public, pg_catalog
as $$
declare
    v_prev_seq  bigint;
    v_prev_hash bytea;
    v_at        timestamptz := clock_timestamp();
    v_hash      bytea;
begin
    -- One writer at a time until commit: the chain has no forks.
    perform pg_advisory_xact_lock(hashtext('chainbreaker.audit_log'));
    select seq, hash into v_prev_seq, v_prev_hash from audit_log order by seq desc limit 1;
    if not found then
        select seq, hash into v_prev_seq, v_prev_hash from audit_anchor;
    end if;
    v_hash := sha256(v_prev_hash || audit_canonical(v_prev_seq + 1, v_at, p_actor_tenant, p_actor_user,
                     p_actor_client, p_action, p_record_type, p_record_id, p_record_owner, p_purpose));
    insert into audit_log (seq, at, actor_tenant, actor_user, actor_client, action, record_type, record_id,
                           record_owner, purpose, prev_hash, hash)
    values (v_prev_seq + 1, v_at, p_actor_tenant, p_actor_user, p_actor_client, p_action, p_record_type,
            p_record_id, p_record_owner, p_purpose, v_prev_hash, v_hash);
    return v_prev_seq + 1;
end
$$;

-- Recomputes the kept chain from its anchor. Returns how many entries were checked and the first entry
-- whose content, link or position does not match (null when the chain is intact).
create function audit_verify(out checked bigint, out first_broken bigint)
    language plpgsql security definer stable
    set search_path = public, pg_catalog
as $$
declare
    v_seq  bigint;
    v_hash bytea;
    e      record;
begin
    checked := 0;
    first_broken := null;
    select seq, hash into v_seq, v_hash from audit_anchor;
    for e in select * from audit_log order by seq loop
        checked := checked + 1;
        if e.seq <> v_seq + 1 or e.prev_hash <> v_hash
           or e.hash <> sha256(v_hash || audit_canonical(e.seq, e.at, e.actor_tenant, e.actor_user,
                               e.actor_client, e.action, e.record_type, e.record_id, e.record_owner, e.purpose)) then
            first_broken := e.seq;
            return;
        end if;
        v_seq := e.seq;
        v_hash := e.hash;
    end loop;
end
$$;

-- Retention: removes entries older than the cut-off and moves the anchor to the last removed entry,
-- so that what is kept still verifies.
create function audit_prune(p_before timestamptz) returns bigint
    language plpgsql security definer
    set search_path = public, pg_catalog
as $$
declare
    v_last record;
    v_count bigint;
begin
    perform pg_advisory_xact_lock(hashtext('chainbreaker.audit_log'));
    select seq, hash into v_last from audit_log where at < p_before order by seq desc limit 1;
    if not found then
        return 0;
    end if;
    delete from audit_log where seq <= v_last.seq;
    get diagnostics v_count = row_count;
    update audit_anchor set seq = v_last.seq, hash = v_last.hash;
    return v_count;
end
$$;

alter table audit_log enable row level security;
alter table audit_anchor enable row level security;
-- Directly readable: the entries about one's own records (who read them), and one's own actions.
create policy audit_of_own_records on audit_log for select
    using (record_owner = current_setting('chainbreaker.tenant', true)
           or actor_tenant = current_setting('chainbreaker.tenant', true));

revoke all on audit_log, audit_anchor from public;
revoke all on function audit_append(text, text, text, text, text, text, text, text) from public;
revoke all on function audit_verify() from public;
revoke all on function audit_prune(timestamptz) from public;
grant select on audit_log to ${app_role};
grant execute on function audit_append(text, text, text, text, text, text, text, text) to ${app_role};
grant execute on function audit_verify() to ${app_role};
grant execute on function audit_prune(timestamptz) to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Transactional outbox: an event is written in the same transaction as the change it reports.
-- Its delivery position is assigned after commit, in commit order, by one relay at a time, so that
-- a reader following positions never skips an event that commits late.
-- ---------------------------------------------------------------------------------------------
create sequence outbox_position;

create table outbox_events (
    id            bigserial   primary key,
    position      bigint      unique,
    occur_time    timestamptz not null,
    owner_country text        not null,
    record_type   text        not null,
    record_id     text        not null,
    event_type    text        not null,
    actor_user    text        not null
);

create index outbox_unpositioned on outbox_events (id) where position is null;
create index outbox_by_time on outbox_events (occur_time);

create function outbox_assign_positions() returns bigint
    language plpgsql security definer
    set search_path = public, pg_catalog
as $$
declare
    v_count bigint;
begin
    -- Several replicas run the relay; one assigns at a time, the others skip this round.
    if not pg_try_advisory_xact_lock(hashtext('chainbreaker.outbox_relay')) then
        return 0;
    end if;
    with next as (
        select id from outbox_events where position is null order by id limit 1000 for update
    )
    update outbox_events o set position = nextval('outbox_position')
      from (select id from next order by id) n
     where o.id = n.id;
    get diagnostics v_count = row_count;
    return v_count;
end
$$;

create function outbox_prune(p_before timestamptz) returns bigint
    language plpgsql security definer
    set search_path = public, pg_catalog
as $$
declare
    v_count bigint;
begin
    delete from outbox_events where position is not null and occur_time < p_before;
    get diagnostics v_count = row_count;
    return v_count;
end
$$;

alter table outbox_events enable row level security;
-- Writers append their own country's events (or events about records they act on, checked by the
-- service's own policy); which events a tenant may read is each service's policy on this table.
create policy outbox_append on outbox_events for insert
    with check (current_setting('chainbreaker.tenant', true) is not null);

revoke all on outbox_events from public;
grant select, insert on outbox_events to ${app_role};
grant usage on sequence outbox_events_id_seq to ${app_role};
grant execute on function outbox_assign_positions() to ${app_role};
grant execute on function outbox_prune(timestamptz) to ${app_role};
-- The stream's starting point ("from now on") without reading any event.
grant select on sequence outbox_position to ${app_role};

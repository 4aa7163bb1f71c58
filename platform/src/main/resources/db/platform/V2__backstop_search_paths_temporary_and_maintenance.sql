-- The database backstop, attacked alone (issue 19):
--
--   * A SECURITY DEFINER function whose search path does not name pg_temp searches the caller's temporary schema
--     first for relations: an application session could shadow a table with a temporary view and have it read (and
--     its functions run) with the owner's rights. Every definer function now searches pg_catalog, public, then
--     pg_temp; each service's migrations do the same for their own functions.
--   * Temporary objects are not needed by the application at all: TEMPORARY on this database is revoked from PUBLIC
--     and from the application role, wherever the database was provisioned (devstack, CloudNativePG, external), by
--     the owner that runs these migrations.
--   * Retention (audit_prune, outbox_prune) and the outbox relay (outbox_assign_positions) run under the owner role
--     (the platform's maintenance connection, see MaintenanceDatabase), never under the application role: an
--     application session could delete the audit trail.
--   * An event is appended under the session's own country, or (service policies) about a record the session may
--     see, addressed to that record's owner; an audit entry names the session's own country as its actor, and its
--     appending no longer returns the entry's position (the size of every country's trail).
--   * audit_verify tells the caller how many entries it may know of (its own actions and entries about its records),
--     not the size of every country's trail.

do $$
declare
    f regprocedure;
begin
    for f in select p.oid from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef loop
        execute format('alter function %s set search_path = pg_catalog, public, pg_temp', f);
    end loop;
    execute format('revoke temporary on database %I from public', current_database());
    execute format('revoke temporary on database %I from %I', current_database(), '${app_role}');
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Maintenance: the owner role only.
-- ---------------------------------------------------------------------------------------------
-- (V1 never revoked the outbox functions from PUBLIC, which may execute any function by default.)
revoke all on function audit_prune(timestamptz) from public, ${app_role};
revoke all on function outbox_prune(timestamptz) from public, ${app_role};
revoke all on function outbox_assign_positions() from public, ${app_role};
comment on function audit_prune(timestamptz) is
    'Retention of the audit trail; run by the owner role (maintenance connection) [backstop: maintenance]';
comment on function outbox_prune(timestamptz) is
    'Retention of delivered events; run by the owner role (maintenance connection) [backstop: maintenance]';
comment on function outbox_assign_positions() is
    'The outbox relay: delivery positions in commit order; run by the owner role (maintenance connection) [backstop: maintenance]';

-- ---------------------------------------------------------------------------------------------
-- The actor of an audit entry is the session's country.
-- ---------------------------------------------------------------------------------------------
-- It returns nothing: the position of the new entry told the application role how many entries every country's
-- activity had written.
drop function audit_append(text, text, text, text, text, text, text, text);
create function audit_append(p_actor_tenant text, p_actor_user text, p_actor_client text, p_action text,
                             p_record_type text, p_record_id text, p_record_owner text, p_purpose text)
    returns void language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_prev_seq  bigint;
    v_prev_hash bytea;
    v_at        timestamptz := clock_timestamp();
    v_hash      bytea;
begin
    if p_actor_tenant is distinct from current_setting('chainbreaker.tenant', true) then
        raise exception 'an audit entry names the session''s own country as its actor' using errcode = '42501';
    end if;
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
end
$$;
revoke all on function audit_append(text, text, text, text, text, text, text, text) from public;
grant execute on function audit_append(text, text, text, text, text, text, text, text) to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Verification: the whole kept chain is recomputed, but the caller learns only what it may know.
-- ---------------------------------------------------------------------------------------------
drop function audit_verify();
-- checked: the entries the session's country may read (its own actions, entries about its records) that were
-- verified; intact: whether the whole kept chain verifies; first_broken: the first entry that does not match, only
-- if the caller may read it (otherwise null while intact is false).
create function audit_verify(out checked bigint, out intact boolean, out first_broken bigint)
    language plpgsql security definer stable
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_tenant text := current_setting('chainbreaker.tenant', true);
    v_seq    bigint;
    v_hash   bytea;
    e        record;
begin
    checked := 0;
    intact := true;
    first_broken := null;
    select seq, hash into v_seq, v_hash from audit_anchor;
    for e in select * from audit_log order by seq loop
        if e.seq <> v_seq + 1 or e.prev_hash <> v_hash
           or e.hash <> sha256(v_hash || audit_canonical(e.seq, e.at, e.actor_tenant, e.actor_user,
                               e.actor_client, e.action, e.record_type, e.record_id, e.record_owner, e.purpose)) then
            intact := false;
            if v_tenant in (e.record_owner, e.actor_tenant) then
                first_broken := e.seq;
            end if;
            return;
        end if;
        if v_tenant in (e.record_owner, e.actor_tenant) then
            checked := checked + 1;
        end if;
        v_seq := e.seq;
        v_hash := e.hash;
    end loop;
end
$$;
revoke all on function audit_verify() from public;
grant execute on function audit_verify() to ${app_role};

-- ---------------------------------------------------------------------------------------------
-- Events: appended under the session's own country. Each service adds the events its countries append about
-- records of others they may see (addressed to the record's owner), and restricts record events to visible records.
-- ---------------------------------------------------------------------------------------------
drop policy outbox_append on outbox_events;
create policy outbox_append on outbox_events for insert
    with check (owner_country = current_setting('chainbreaker.tenant', true));

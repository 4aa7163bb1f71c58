-- What a client sees of an audit entry carries no global number. The chain's seq counts every country's entries, so
-- the gaps between the numbers of the entries about one country's records (who read its case, who checked its
-- notice) told that country how much everything else was audited. Each entry now also has owner_seq, numbered per
-- record owner (1, 2, 3, ... over the entries about that owner's records), which is what the services show; seq
-- stays the chain's own order and is hashed as before. A counter per owner keeps the numbers growing after
-- retention removed old entries.
create table audit_owner_counters (
    record_owner  text   primary key,
    last_seq      bigint not null
);
alter table audit_owner_counters enable row level security;
revoke all on audit_owner_counters from public;

alter table audit_log add column owner_seq bigint;
update audit_log a set owner_seq = n.owner_seq
  from (select seq, row_number() over (partition by record_owner order by seq) as owner_seq from audit_log) n
 where n.seq = a.seq;
insert into audit_owner_counters (record_owner, last_seq)
select record_owner, max(owner_seq) from audit_log group by record_owner;
alter table audit_log alter column owner_seq set not null;

create or replace function audit_append(p_actor_tenant text, p_actor_user text, p_actor_client text, p_action text,
                                        p_record_type text, p_record_id text, p_record_owner text, p_purpose text)
    returns void language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
as $$
declare
    v_prev_seq  bigint;
    v_prev_hash bytea;
    v_owner_seq bigint;
    v_at        timestamptz := clock_timestamp();
    v_hash      bytea;
begin
    if p_actor_tenant is distinct from current_setting('chainbreaker.tenant', true) then
        raise exception 'an audit entry names the session''s own country as its actor' using errcode = '42501';
    end if;
    -- One writer at a time until commit: the chain has no forks (and the owner's numbers no gaps from races).
    perform pg_advisory_xact_lock(hashtext('chainbreaker.audit_log'));
    select seq, hash into v_prev_seq, v_prev_hash from audit_log order by seq desc limit 1;
    if not found then
        select seq, hash into v_prev_seq, v_prev_hash from audit_anchor;
    end if;
    insert into audit_owner_counters (record_owner, last_seq) values (p_record_owner, 1)
    on conflict (record_owner) do update set last_seq = audit_owner_counters.last_seq + 1
    returning last_seq into v_owner_seq;
    v_hash := sha256(v_prev_hash || audit_canonical(v_prev_seq + 1, v_at, p_actor_tenant, p_actor_user,
                     p_actor_client, p_action, p_record_type, p_record_id, p_record_owner, p_purpose));
    insert into audit_log (seq, at, actor_tenant, actor_user, actor_client, action, record_type, record_id,
                           record_owner, purpose, prev_hash, hash, owner_seq)
    values (v_prev_seq + 1, v_at, p_actor_tenant, p_actor_user, p_actor_client, p_action, p_record_type,
            p_record_id, p_record_owner, p_purpose, v_prev_hash, v_hash, v_owner_seq);
end
$$;

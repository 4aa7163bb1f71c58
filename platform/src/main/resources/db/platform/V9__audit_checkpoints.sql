-- Signed checkpoints of the audit chain (issue 18): a superuser can rewrite audit_log and recompute every hash so
-- that audit_verify still passes. Each service therefore signs, per country, the chain's hash at that country's
-- latest entry with a key that lives in the PKCS#11 token (never in this database), and hands the signed checkpoint
-- to that country (an RPC and an audit.checkpoint event). A country that kept its checkpoints can later ask whether
-- the chain still holds at each of them; a rewritten chain does not, whatever hashes were recomputed.
--
-- A checkpoint names the country's own entry numbering (owner_seq, V3_1), never the chain's global seq: the global
-- position would tell the country how much every other country was audited. The hash it signs is the global chain
-- hash at that entry, so it covers every entry before it, of every country.
create table audit_checkpoints (
    country      text        not null,
    -- 1, 2, 3, ... per country.
    number       bigint      not null check (number > 0),
    -- The country's entry (audit_log.owner_seq) the checkpoint was taken at, and that entry's chain hash.
    owner_seq    bigint      not null check (owner_seq > 0),
    entry_hash   bytea       not null,
    sign_time    timestamptz not null,
    -- The token label of the signing key (audit-signing-<n>) and the ECDSA P-256 signature (DER).
    key_label    text        not null,
    signature    bytea       not null,
    primary key (country, number)
);

alter table audit_checkpoints enable row level security;
-- A country reads and (through its own session, see AuditCheckpoints) adds only its own checkpoints; nothing is
-- ever changed or removed by the application.
create policy audit_checkpoints_own on audit_checkpoints for select
    using (country = current_setting('chainbreaker.tenant', true));
create policy audit_checkpoints_own_insert on audit_checkpoints for insert
    with check (country = current_setting('chainbreaker.tenant', true));
revoke all on audit_checkpoints from public;
grant select, insert on audit_checkpoints to ${app_role};

-- The audit.checkpoint event goes to that country's stream only.
create policy audit_checkpoint_events_visible on outbox_events for select
    using (record_type = 'audit_checkpoint' and owner_country = current_setting('chainbreaker.tenant', true));
-- Only about a checkpoint the session's country really has: nobody announces a checkpoint number it was not given.
create policy audit_checkpoint_events_own on outbox_events as restrictive for insert
    with check (record_type <> 'audit_checkpoint'
                or (owner_country = current_setting('chainbreaker.tenant', true)
                    and exists (select 1 from audit_checkpoints c
                                 where c.country = outbox_events.owner_country
                                   and c.number::text = outbox_events.record_id)));

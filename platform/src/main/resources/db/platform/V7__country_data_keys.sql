-- Envelope encryption of protected fields (issue 18): each country's data keys (Tink AEAD keysets), stored only
-- wrapped by that country's key-encryption key, which stays in the PKCS#11 token (HSM). A superuser, a backup or a
-- disk copy holds these rows and the sealed fields but no key that opens them.
create table country_data_keys (
    country      text        not null,
    version      integer     not null check (version > 0),
    -- The token label of the key-encryption key that wrapped this keyset (kek-<country>-<n>).
    kek_label    text        not null,
    wrapped      bytea       not null,
    create_time  timestamptz not null default now(),
    rewrap_time  timestamptz,
    primary key (country, version)
);

comment on table country_data_keys is
    'Data keys wrapped by each country''s HSM key: readable by the service for every owner (it opens fields of'
    ' records shared with the caller), created only by the owner''s own session, re-wrapped by maintenance';

alter table country_data_keys enable row level security;
-- Wrapped keysets are useless without the token: the service opens fields of any owner it may show.
create policy data_keys_readable on country_data_keys for select using (true);
create policy data_keys_made_by_their_country on country_data_keys for insert
    with check (country = current_setting('chainbreaker.tenant', true));

grant select, insert on country_data_keys to ${app_role};

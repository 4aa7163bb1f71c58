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

-- Readable by every session: the service opens fields of any owner whose record it may show (a partner reads a
-- shared case's persons), and a wrapped keyset opens nothing without the token. Written only by the maintenance
-- connection (a country's first protected write creates its keyset; rotation re-wraps), never by the application.
comment on table country_data_keys is
    'Data keys wrapped by each country''s HSM key: useless without the token, read-only for the application [backstop: shared]';

grant select on country_data_keys to ${app_role};

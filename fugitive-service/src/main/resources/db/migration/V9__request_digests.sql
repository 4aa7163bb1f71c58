-- An idempotency key reused for a different request must be refused, not answered with the first record: each
-- row made with a key keeps the SHA-256 digest of the canonical request beside it (see platform RequestKey), and a
-- request with the same key is compared with it. Rows from before have none and are answered as before.
alter table operations add column request_digest bytea,
    add constraint operations_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table wanted_persons add column request_digest bytea,
    add constraint wanted_persons_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));

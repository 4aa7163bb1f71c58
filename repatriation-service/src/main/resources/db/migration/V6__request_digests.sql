-- An idempotency key reused for a different request must be refused, not answered with the first record: each
-- row made with a key keeps the SHA-256 digest of the canonical request beside it (see platform RequestKey), and a
-- request with the same key is compared with it. Rows from before have none and are answered as before.
alter table repatriations add column request_digest bytea,
    add constraint repatriations_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table rescue_requests add column request_digest bytea,
    add constraint rescue_requests_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));

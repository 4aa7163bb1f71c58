-- An idempotency key reused for a different request must be refused, not answered with the first record: each
-- row made with a key keeps the SHA-256 digest of the canonical request beside it (see platform RequestKey), and a
-- request with the same key is compared with it. Rows from before have none and are answered as before.
alter table cases add column request_digest bytea,
    add constraint cases_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table case_leads add column request_digest bytea,
    add constraint case_leads_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table scam_reports add column request_digest bytea,
    add constraint scam_reports_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table scam_centres add column request_digest bytea,
    add constraint scam_centres_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));
alter table case_analyses add column request_digest bytea,
    add constraint case_analyses_request_digest check (request_digest is null or (request_id is not null and octet_length(request_digest) = 32));

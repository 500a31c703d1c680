-- POST /api/v1/jobs with an Idempotency-Key: the same key and request within 24 h answer the
-- job created the first time instead of creating another. The request is kept as a hash to tell
-- a retry of the same request from a different one reusing the key.
CREATE TABLE job_idempotency_keys (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    job_id       bigint      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX job_idempotency_keys_created_idx ON job_idempotency_keys (created_at);

-- "Keep me signed in" on the web: one row per browser that asked for it. The cookie carries the
-- series and a token; only the token's SHA-256 is kept, and it changes on every use, so a copied
-- cookie that is used after the real one exposes the theft (and signs that user out everywhere).
-- The previous token stays valid for a moment after a change, for requests already on their way.
CREATE TABLE remember_me_tokens (
    series        text        PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    bytea       NOT NULL,
    previous_hash bytea,
    last_used     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX remember_me_tokens_user_idx ON remember_me_tokens (user_id);

-- Accounts. Emails are stored normalised (trimmed, lower case) so the unique key is the real one.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN')),
    time_zone     text        NOT NULL,
    locale        text        NOT NULL DEFAULT 'pt-BR' CHECK (locale IN ('pt-BR', 'en')),
    daily_digest  boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Refresh tokens, stored as SHA-256 hashes. Each login starts a family; every refresh spends one
-- token and issues the next in the same family, so presenting a spent token exposes a theft and
-- revokes the whole family.
CREATE TABLE refresh_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- Failed logins per email, shared by every API process, for throttling.
CREATE TABLE login_failures (
    email     text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);

-- Secrets the cluster generates once and shares (the JWT signing key when none is configured).
CREATE TABLE app_secrets (
    name       text        PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc 2.1).
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

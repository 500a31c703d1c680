-- Every picture of a company a provider gave us, kept as its history. The newest one that is not
-- stale is the company's current picture, reused while younger than agendador.lookup.cache-ttl.
CREATE TABLE company_snapshots (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cnpj        text        NOT NULL CHECK (cnpj ~ '^[0-9A-Z]{12}[0-9]{2}$'),
    fetched_at  timestamptz NOT NULL,
    source      text        NOT NULL,
    -- The date of the Receita's data the provider served, when it says.
    data_as_of  date,
    -- The provider served older Receita data than we already had (a lagging mirror): kept for the
    -- record, but never current and never compared with, so old data is not reported as a change.
    stale       boolean     NOT NULL DEFAULT false,
    -- The company as CompanySnapshot JSON, without its changes (they are in their own column).
    snapshot    jsonb       NOT NULL,
    -- What differs from the previous current snapshot: [{field, from, to}].
    changes     jsonb       NOT NULL DEFAULT '[]'
);

CREATE INDEX company_snapshots_cnpj_idx ON company_snapshots (cnpj, fetched_at DESC, id DESC);

-- One row per provider, shared by every process: the cluster-wide rate limit, the pause a provider
-- asked for, and how its calls went (for GET /api/v1/admin/providers). Updated on every call.
CREATE TABLE lookup_providers (
    name               text PRIMARY KEY,
    -- When the latest calls were let through, at most rate-limit of them: a sliding one-minute
    -- window, so no minute ever holds more calls than the limit, whichever process made them.
    recent_calls       timestamptz[] NOT NULL DEFAULT '{}',
    -- The provider asked us to stay away until then (429 + Retry-After, a throttling page).
    paused_until       timestamptz,
    last_success_at    timestamptz,
    last_error_at      timestamptz,
    last_error         text,
    last_throttled_at  timestamptz,
    -- The last circuit breaker transition any process reported (circuits live in each process).
    circuit_state      text,
    circuit_changed_at timestamptz
) WITH (fillfactor = 50);

-- A process fetching a company from the providers right now. Others wait for its snapshot instead
-- of spending rate budget on the same CNPJ; a holder that died stops counting at expires_at.
CREATE TABLE company_fetches (
    cnpj       text PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

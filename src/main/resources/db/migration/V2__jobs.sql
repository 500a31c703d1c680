-- The jobs table is also the queue: a job and its state can never disagree.
CREATE TABLE jobs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cnpj          text        NOT NULL CHECK (cnpj ~ '^[0-9A-Z]{12}[0-9]{2}$'),
    status        text        NOT NULL
        CHECK (status IN ('SCHEDULED', 'RUNNING', 'SUCCEEDED', 'NOT_FOUND', 'FAILED', 'CANCELED')),
    priority      smallint    NOT NULL CHECK (priority BETWEEN 1 AND 5),
    label         text,
    recurrence    text        NOT NULL DEFAULT 'NONE' CHECK (recurrence IN ('NONE', 'DAILY', 'WEEKLY', 'MONTHLY')),
    -- The first job of a recurring series; every later occurrence points at it.
    series_id     bigint      REFERENCES jobs (id) ON DELETE SET NULL,
    scheduled_at  timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    -- Incremented by every claim; finishing requires the same value (fencing token).
    attempt       integer     NOT NULL DEFAULT 0,
    -- The attempt number when the job was last (re)scheduled by a person (create, edit, retry):
    -- the run's tries so far are attempt - retry_base, while attempt itself never goes back.
    retry_base    integer     NOT NULL DEFAULT 0,
    lease_until   timestamptz,
    worker_id     text,
    last_error    text,
    -- The company snapshot (with its changes) of a SUCCEEDED job, as the API shows it.
    result        jsonb,
    -- Set once the next occurrence of a recurring job has been created.
    next_occurrence_id bigint
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
        autovacuum_analyze_scale_factor = 0.02);

-- Due work, in exactly the order the claim takes it; partial, so it only holds the queue.
CREATE INDEX jobs_due_idx ON jobs (priority DESC, scheduled_at, id) WHERE status = 'SCHEDULED';
-- Running work: lease expiry recovery and per-user fairness.
CREATE INDEX jobs_running_idx ON jobs (lease_until) WHERE status = 'RUNNING';
CREATE INDEX jobs_running_user_idx ON jobs (user_id) WHERE status = 'RUNNING';
-- A user's list, newest first, and its filters.
CREATE INDEX jobs_user_scheduled_idx ON jobs (user_id, scheduled_at DESC, id DESC);
CREATE INDEX jobs_user_status_scheduled_idx ON jobs (user_id, status, scheduled_at DESC, id DESC);
CREATE INDEX jobs_user_cnpj_idx ON jobs (user_id, cnpj, scheduled_at DESC);
CREATE INDEX jobs_series_idx ON jobs (series_id) WHERE series_id IS NOT NULL;

-- One row per run of a job: when, where, how it ended.
CREATE TABLE job_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      bigint      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    attempt     integer     NOT NULL,
    worker_id   text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text CHECK (outcome IN ('SUCCEEDED', 'NOT_FOUND', 'FAILED', 'RETRY', 'LEASE_EXPIRED', 'RELEASED')),
    provider    text,
    error       text,
    UNIQUE (job_id, attempt)
) WITH (fillfactor = 80);

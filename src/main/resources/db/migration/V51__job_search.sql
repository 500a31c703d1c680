-- (Numbered after every migration already released, so existing databases take it in order.)
-- The dispatcher changes a job's status twice per run (claimed, finished). The status is indexed,
-- so neither change can be a HOT update: each writes a new entry into every index of jobs, and the
-- list and search indexes of V2, V11 and V12 made up most of that work (the dispatcher ran at less
-- than half the speed it had without them). Those indexes only need what a run never changes (the
-- owner, CNPJ, label, priority, times), so they move to this narrow copy of those columns, which a
-- run does not touch. jobs keeps its primary key, the (user_id, status, scheduled_at) list index
-- and the dispatcher's small partial indexes.
--
-- Kept in step by the triggers below (created with the job, changed with its label, priority or
-- time, gone with it), so nothing else writes it. No foreign key: its check would cost every
-- created job a lookup, and the delete trigger does the cascade.
CREATE TABLE job_search (
    id           bigint      PRIMARY KEY,
    user_id      bigint      NOT NULL,
    cnpj         text        NOT NULL,
    label        text,
    priority     smallint    NOT NULL,
    scheduled_at timestamptz NOT NULL,
    created_at   timestamptz NOT NULL
);

INSERT INTO job_search (id, user_id, cnpj, label, priority, scheduled_at, created_at)
SELECT id, user_id, cnpj, label, priority, scheduled_at, created_at FROM jobs;

-- A user's jobs by CNPJ (whole or a root), by creation and by priority; everyone's by time (administrators).
CREATE INDEX job_search_user_cnpj_idx ON job_search (user_id, cnpj, scheduled_at DESC);
CREATE INDEX job_search_user_created_idx ON job_search (user_id, created_at, id);
CREATE INDEX job_search_user_priority_idx ON job_search (user_id, priority, scheduled_at, id);
CREATE INDEX job_search_scheduled_idx ON job_search (scheduled_at, id);

DROP INDEX jobs_user_scheduled_idx;
DROP INDEX jobs_user_cnpj_idx;
DROP INDEX jobs_user_created_idx;
DROP INDEX jobs_user_priority_idx;
DROP INDEX jobs_status_scheduled_idx;
-- Administrators' lists by status stay on jobs for the statuses a run seldom enters: an index entry
-- is only written for row versions in these statuses, so claims (RUNNING) and successes never pay
-- for it, while a list of FAILED jobs does not have to walk a year of SUCCEEDED ones to find them.
CREATE INDEX jobs_status_scheduled_idx ON jobs (status, scheduled_at, id)
    WHERE status IN ('SCHEDULED', 'NOT_FOUND', 'FAILED', 'CANCELED');
DROP INDEX IF EXISTS jobs_text_trgm_idx;

-- Free-text search (q) with a trigram index, as V12 had it on jobs; unindexed where pg_trgm is missing.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX job_search_text_trgm_idx ON job_search USING gin ((coalesce(label, '') || ' ' || cnpj) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'Job text search stays unindexed: %', SQLERRM;
END
$$;

CREATE FUNCTION job_search_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_search (id, user_id, cnpj, label, priority, scheduled_at, created_at)
    SELECT id, user_id, cnpj, label, priority, scheduled_at, created_at FROM inserted_jobs;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_search_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_search
       SET user_id = NEW.user_id, cnpj = NEW.cnpj, label = NEW.label, priority = NEW.priority,
           scheduled_at = NEW.scheduled_at, created_at = NEW.created_at
     WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_search_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_search s USING deleted_jobs d WHERE s.id = d.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_search_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_search;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS inserted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_search_after_insert();
-- Row by row but only for the rare rows whose searched columns change (edits, a retry's new time):
-- the condition is checked without calling anything, so claims and finishes pay next to nothing.
CREATE TRIGGER jobs_search_update AFTER UPDATE ON jobs FOR EACH ROW
    WHEN (OLD.label IS DISTINCT FROM NEW.label OR OLD.priority <> NEW.priority
          OR OLD.scheduled_at <> NEW.scheduled_at OR OLD.cnpj <> NEW.cnpj OR OLD.user_id <> NEW.user_id
          OR OLD.created_at <> NEW.created_at)
    EXECUTE FUNCTION job_search_after_update();
CREATE TRIGGER jobs_search_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_search_after_delete();
CREATE TRIGGER jobs_search_truncate AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_search_after_truncate();

-- Status counters: a status change is now counted by the statement that makes it (the jobs
-- module's JobCounts CTE in claims, finishes, releases, recoveries and people's edits), so the
-- updates that change no status (heartbeats above all, a few per second per worker) no longer
-- fire a statement trigger that captures every row they touch and compares old and new.
DROP TRIGGER jobs_count_update ON jobs;
DROP FUNCTION job_counts_after_update();

-- A deleted user's deltas go with it. Before, they stayed and made every later fold fail on the
-- foreign key of job_counts.
DELETE FROM job_count_deltas d WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = d.user_id);
ALTER TABLE job_count_deltas ADD CONSTRAINT job_count_deltas_user_fk
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

-- Jobs deleted by the cascade of a user's deletion take their counters with them (job_counts
-- cascades too): no delta for a user that no longer exists (the check the foreign key would make).
CREATE OR REPLACE FUNCTION job_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_count_deltas (user_id, status, jobs)
    SELECT d.user_id, d.status, -count(*) FROM deleted_jobs d
     WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = d.user_id)
     GROUP BY d.user_id, d.status;
    RETURN NULL;
END
$$;

-- The triggers left on jobs, and why each earns its place (each runs once per statement, or only
-- for the rows its WHEN condition picks, so the dispatcher's claims and finishes mostly skip them):
--   jobs_count_insert, jobs_count_delete, jobs_count_truncate (V11, V13, here): counters of rows
--     created or removed, whoever creates or removes them, cascades included;
--   jobs_due_on_insert, jobs_due_on_update (V20): the NOTIFY that wakes sleeping workers when a job
--     becomes due within 5 minutes, for every path that can make one so (create, bulk, edit, retry,
--     backoff, release, recovery, recurrence) without each having to remember it;
--   jobs_search_insert, jobs_search_update, jobs_search_delete, jobs_search_truncate (V51): the
--     job_search copy of the columns a run never changes, which must never drift from jobs;
--   jobs_attempts_delete, jobs_attempts_truncate (V52): a job's attempts go with it (job_attempts has
--     no foreign key, so that the dispatcher's attempt inserts pay no key check).
COMMENT ON TABLE job_count_deltas IS
    'Status count deltas: inserts and deletes by triggers on jobs, status changes by the statements that make them (JobCounts)';

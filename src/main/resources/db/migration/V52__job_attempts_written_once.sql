-- An attempt is now written once, when it ends (finished, released at shutdown or taken back after
-- its lease expired), instead of inserted at the claim and updated at the end: the attempt that is
-- running is the job row itself (attempt, worker_id, started_at), which the claim writes anyway.
-- With the foreign key's check on every insert, that was a fifth of the dispatcher's database
-- work per job. The attempts of a job still go when the job goes (trigger below), and only the
-- dispatcher writes them, for jobs it holds locked.
ALTER TABLE job_attempts DROP CONSTRAINT job_attempts_job_id_fkey;

-- Attempts of jobs running during the upgrade: the job row tells the same, and the end writes the row.
DELETE FROM job_attempts a USING jobs j
 WHERE a.job_id = j.id AND a.attempt = j.attempt AND j.status = 'RUNNING' AND a.finished_at IS NULL;

CREATE FUNCTION job_attempts_after_jobs_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_attempts a USING deleted_jobs d WHERE a.job_id = d.id;
    RETURN NULL;
END
$$;

-- DELETE rather than TRUNCATE: "TRUNCATE jobs, job_attempts" would have the trigger truncate a table
-- the statement itself is truncating, which PostgreSQL refuses.
CREATE FUNCTION job_attempts_after_jobs_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_attempts;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_attempts_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_attempts_after_jobs_delete();
CREATE TRIGGER jobs_attempts_truncate AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_attempts_after_jobs_truncate();

-- Every attempt of a job so far: the ended ones, and the one running now.
CREATE VIEW job_attempts_so_far AS
    SELECT job_id, attempt, worker_id, started_at, finished_at, outcome, provider, error FROM job_attempts
    UNION ALL
    SELECT id, attempt, worker_id, started_at, NULL, NULL, NULL, NULL FROM jobs WHERE status = 'RUNNING';

-- Attempts are found by job and number only; the surrogate id was one more index to write per attempt.
ALTER TABLE job_attempts DROP COLUMN id;
ALTER TABLE job_attempts DROP CONSTRAINT job_attempts_job_id_attempt_key, ADD PRIMARY KEY (job_id, attempt);

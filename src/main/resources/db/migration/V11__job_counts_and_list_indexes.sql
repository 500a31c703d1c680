-- How many jobs each user has in each status, kept exact by the triggers below, so that a list's
-- total (page.totalElements) and the per-status counts cost one small read instead of a count(*)
-- over every job of a user with hundreds of thousands of them.
CREATE TABLE job_counts (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status  text   NOT NULL,
    jobs    bigint NOT NULL,
    PRIMARY KEY (user_id, status)
) WITH (fillfactor = 50);

-- Statement-level triggers with transition tables: a bulk import of 10,000 jobs or a claim of
-- many jobs adds one upsert per (user, status), not one per row. Rows are upserted in
-- (user_id, status) order so concurrent statements lock counters in the same order.
CREATE FUNCTION job_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_counts (user_id, status, jobs)
    SELECT user_id, status, count(*) FROM inserted_jobs GROUP BY user_id, status ORDER BY user_id, status
    ON CONFLICT (user_id, status) DO UPDATE SET jobs = job_counts.jobs + EXCLUDED.jobs;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Most updates (heartbeats, edits) change no status: leave at once.
    IF NOT EXISTS (SELECT 1 FROM old_jobs o JOIN new_jobs n USING (id)
                    WHERE o.status <> n.status OR o.user_id <> n.user_id) THEN
        RETURN NULL;
    END IF;
    INSERT INTO job_counts (user_id, status, jobs)
    SELECT user_id, status, sum(delta)
      FROM (SELECT user_id, status, -1 AS delta FROM old_jobs
            UNION ALL
            SELECT user_id, status, 1 FROM new_jobs) changes
     GROUP BY user_id, status
    HAVING sum(delta) <> 0
     ORDER BY user_id, status
    ON CONFLICT (user_id, status) DO UPDATE SET jobs = job_counts.jobs + EXCLUDED.jobs;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_counts c SET jobs = c.jobs - d.jobs
      FROM (SELECT user_id, status, count(*) AS jobs FROM deleted_jobs GROUP BY user_id, status
             ORDER BY user_id, status) d
     WHERE c.user_id = d.user_id AND c.status = d.status;
    RETURN NULL;
END
$$;

CREATE FUNCTION job_counts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_counts;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS inserted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_insert();
CREATE TRIGGER jobs_count_update AFTER UPDATE ON jobs REFERENCING OLD TABLE AS old_jobs NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_update();
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_delete();
CREATE TRIGGER jobs_count_truncate AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_truncate();

INSERT INTO job_counts (user_id, status, jobs)
SELECT user_id, status, count(*) FROM jobs GROUP BY user_id, status;

-- The list's other sort orders, so a user with many jobs gets the first page from an index
-- instead of sorting them all (ties go by scheduled time and id, in the same direction).
CREATE INDEX jobs_user_created_idx ON jobs (user_id, created_at, id);
CREATE INDEX jobs_user_priority_idx ON jobs (user_id, priority, scheduled_at, id);
-- The administrators' list of every user's jobs: one status, or a merge of one scan per status.
CREATE INDEX jobs_status_scheduled_idx ON jobs (status, scheduled_at, id);

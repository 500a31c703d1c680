-- The per-user status counters of V11 were upserted in place, so every claim and every finish of
-- every worker queued on the same (user, status) rows until commit, serialising the dispatcher
-- across the cluster (and stretching transactions until leases expired). Now a status change
-- only appends a delta row, which takes no lock anyone else wants; a scheduler folds the deltas
-- into job_counts every few seconds, and readers add both.
CREATE TABLE job_count_deltas (
    user_id bigint NOT NULL,
    status  text   NOT NULL,
    jobs    bigint NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
CREATE INDEX job_count_deltas_user_idx ON job_count_deltas (user_id, status);

-- What a list's total reads: the folded counters plus the deltas not folded yet.
CREATE VIEW job_status_counts AS
    SELECT user_id, status, jobs FROM job_counts
    UNION ALL
    SELECT user_id, status, jobs FROM job_count_deltas;

CREATE OR REPLACE FUNCTION job_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_count_deltas (user_id, status, jobs)
    SELECT user_id, status, count(*) FROM inserted_jobs GROUP BY user_id, status;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION job_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Most updates (heartbeats, edits) change no status: leave at once.
    IF NOT EXISTS (SELECT 1 FROM old_jobs o JOIN new_jobs n USING (id)
                    WHERE o.status <> n.status OR o.user_id <> n.user_id) THEN
        RETURN NULL;
    END IF;
    INSERT INTO job_count_deltas (user_id, status, jobs)
    SELECT user_id, status, sum(delta)
      FROM (SELECT user_id, status, -1 AS delta FROM old_jobs
            UNION ALL
            SELECT user_id, status, 1 FROM new_jobs) changes
     GROUP BY user_id, status
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION job_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_count_deltas (user_id, status, jobs)
    SELECT user_id, status, -count(*) FROM deleted_jobs GROUP BY user_id, status;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION job_counts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_count_deltas;
    DELETE FROM job_counts;
    RETURN NULL;
END
$$;

-- RUNNING jobs had two partial indexes, (lease_until) for lease recovery and (user_id) for the
-- claim's fair shares; each claim wrote both. One (user_id, lease_until) serves the shares (count
-- per user) and recovery and health, which read every RUNNING job anyway: there are at most as
-- many as the workers' slots.
DROP INDEX jobs_running_idx;
DROP INDEX jobs_running_user_idx;
CREATE INDEX jobs_running_idx ON jobs (user_id, lease_until) WHERE status = 'RUNNING';

-- The dispatcher's additions to the jobs table (V2): an index for fair claiming and a wake-up
-- signal for sleeping workers.

-- Each user's due work in claim order. The claim walks the users that have due jobs (one index
-- descent per user) and takes the first few jobs of each, so one user's backlog is never scanned
-- to find another user's job.
CREATE INDEX jobs_due_user_idx ON jobs (user_id, priority DESC, scheduled_at, id) WHERE status = 'SCHEDULED';

-- Workers sleep until the next due job; this tells them when a job is created, rescheduled,
-- retried or released so that it may be due before they planned to wake up. The payload is empty
-- on purpose: PostgreSQL delivers identical notifications of one transaction once, so a bulk
-- import sends a single wake-up. Only jobs due within the next 5 minutes notify (a pending NOTIFY
-- takes a cluster-wide lock at commit); workers never sleep longer than that
-- (agendador.dispatch.poll-interval is at most 5 minutes), so later jobs are found by the timer.
CREATE FUNCTION jobs_notify_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('agendador_jobs_due', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_due_on_insert
    AFTER INSERT ON jobs FOR EACH ROW
    WHEN (NEW.status = 'SCHEDULED' AND NEW.scheduled_at < now() + interval '5 minutes')
    EXECUTE FUNCTION jobs_notify_due();

-- Claims and finishes leave SCHEDULED, so the condition keeps the hot path free of notifications.
CREATE TRIGGER jobs_due_on_update
    AFTER UPDATE ON jobs FOR EACH ROW
    WHEN (NEW.status = 'SCHEDULED' AND NEW.scheduled_at < now() + interval '5 minutes')
    EXECUTE FUNCTION jobs_notify_due();

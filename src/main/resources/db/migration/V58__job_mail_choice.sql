-- Which e-mails about their jobs each user wants (JobMailChoice); everyone keeps today's behaviour.
ALTER TABLE users ADD COLUMN job_mails text NOT NULL DEFAULT 'ALL'
    CHECK (job_mails IN ('ALL', 'FAILURES_AND_CHANGES', 'NONE'));

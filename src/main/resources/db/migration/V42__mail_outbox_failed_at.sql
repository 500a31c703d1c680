-- When a mail was given up on, for the administrators' dead letters; older FAILED rows fall back
-- to their creation time.
ALTER TABLE mail_outbox ADD COLUMN failed_at timestamptz;
CREATE INDEX mail_outbox_failed_idx ON mail_outbox (failed_at DESC, id DESC) WHERE delivery = 'FAILED';

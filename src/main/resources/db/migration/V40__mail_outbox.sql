-- Every e-mail the product writes, rendered once and kept: the queue of the SMTP sender and, with
-- no SMTP server configured (or as a copy when there is one), the user's in-app mailbox.
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What the message is about (job:42:started:1, digest:7:2026-11-25): an event delivered twice
    -- finds its row already there and adds nothing.
    message_key     text        NOT NULL UNIQUE,
    -- The Message-ID header, fixed when the row is written, so a message sent again after a crash
    -- between the SMTP server's acceptance and our bookkeeping is the same message to the receiver.
    message_id      text        NOT NULL UNIQUE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Set for mails about a run of a job: one "started" mail per run, not per retry.
    job_id          bigint,
    job_attempt     integer,
    recipient       text        NOT NULL,
    recipient_name  text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text,
    created_at      timestamptz NOT NULL,
    -- IN_APP: kept for the mailbox only (no SMTP server); PENDING -> SENT, or FAILED when the
    -- server kept refusing the message itself.
    delivery        text        NOT NULL CHECK (delivery IN ('IN_APP', 'PENDING', 'SENT', 'FAILED')),
    -- Refusals of this message by the SMTP server (an unreachable server does not count).
    attempts        integer     NOT NULL DEFAULT 0,
    -- Database clock: when the sender may take the row (again); also the claim's lease.
    next_attempt_at timestamptz,
    sent_at         timestamptz,
    last_error      text,
    read_at         timestamptz
) WITH (fillfactor = 80);

CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE delivery = 'PENDING';
CREATE INDEX mail_outbox_mailbox_idx ON mail_outbox (user_id, created_at DESC, id DESC);
CREATE INDEX mail_outbox_job_idx ON mail_outbox (job_id, job_attempt) WHERE job_id IS NOT NULL;
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at);

-- One row per user and local date whose daily digest was handled, by whichever scheduler process
-- got there first: the primary key is what makes the digest go out exactly once, and the row is
-- written in the same transaction as the digest's e-mail.
CREATE TABLE digests (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date date        NOT NULL,
    -- Jobs the digest reported; 0 means there was nothing to report and no e-mail was written.
    jobs       integer     NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, local_date)
);
CREATE INDEX digests_local_date_idx ON digests (local_date);

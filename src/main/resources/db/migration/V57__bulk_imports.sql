-- A bulk import (a CSV or JSON upload of up to 10,000 rows) is one thing to its owner: one
-- "started" and one "finished" summary mail instead of a pair per job. Each job of the upload
-- names its import until its owner retries it alone (then it is mailed about on its own again);
-- the next occurrences of recurring jobs are not part of it.
CREATE TABLE bulk_imports (
    id         bigserial   PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    jobs       integer     NOT NULL CHECK (jobs > 0)
);

CREATE INDEX bulk_imports_user_idx ON bulk_imports (user_id, created_at);

-- Nullable and without a default: adding it rewrites nothing.
ALTER TABLE jobs ADD COLUMN bulk_import_id bigint REFERENCES bulk_imports (id) ON DELETE SET NULL;

-- "Has every job of import N ended?" is asked after each of its jobs ends, so it must not read
-- the whole import each time: the status is in the key and only the unfinished range is read.
-- Jobs outside an import (most of them) have no entry, so the dispatcher pays nothing for them.
CREATE INDEX jobs_bulk_import_idx ON jobs (bulk_import_id, status) WHERE bulk_import_id IS NOT NULL;

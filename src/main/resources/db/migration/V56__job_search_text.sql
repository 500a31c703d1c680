-- Free-text search (q) reads one stored text per job: the label and the CNPJ, lower-cased once when
-- the row is written, kept in the "C" collation so that LIKE compares bytes. The list's filter is
-- `search_text LIKE lower('%words%')`, the same lower() as here, so it matches what ILIKE matched.
--
-- Two indexes serve it, and the planner picks by the pattern's selectivity (the column has
-- statistics, which the old expression did not): the trigram index finds the few rows a rare word
-- matches; the user's time-ordered index, which carries the text, answers a common word (one that
-- matches most of a user's jobs) by walking the user's jobs in list order until the page is full,
-- and counts without touching the table (an index-only scan; job_search is written once per job).
ALTER TABLE job_search
    ADD COLUMN search_text text COLLATE "C" GENERATED ALWAYS AS (lower(coalesce(label, '') || ' ' || cnpj)) STORED;

CREATE INDEX job_search_user_scheduled_text_idx ON job_search (user_id, scheduled_at, id) INCLUDE (search_text);

DO $$
BEGIN
    DROP INDEX IF EXISTS job_search_text_trgm_idx;
    CREATE INDEX job_search_text_trgm_idx ON job_search USING gin (search_text gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'Job text search stays unindexed: %', SQLERRM;
END
$$;

ANALYZE job_search;

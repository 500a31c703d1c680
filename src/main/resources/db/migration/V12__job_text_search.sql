-- Searching jobs by text (q: words of the label or part of the CNPJ) with a trigram index, so a
-- user with hundreds of thousands of jobs does not wait for a scan of all of them. pg_trgm ships
-- with PostgreSQL (contrib) and is a trusted extension; where it cannot be installed the search
-- still works, unindexed.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX jobs_text_trgm_idx ON jobs USING gin ((coalesce(label, '') || ' ' || cnpj) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'Job text search stays unindexed: %', SQLERRM;
END
$$;

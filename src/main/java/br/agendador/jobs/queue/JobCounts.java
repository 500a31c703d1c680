package br.agendador.jobs.queue;

/**
 * The per-user status counters ({@code job_counts}, {@code V11}) move with every statement that
 * changes a job's status: it appends its deltas to {@code job_count_deltas} ({@code V13}) in a CTE
 * of its own, one row per user and status it touched, and {@code JobCountFolding} folds them in.
 * Inserts and deletes are counted by statement triggers on {@code jobs}; updates are counted here,
 * where they happen, so that the many updates that change no status (heartbeats, edits, the
 * recurrence link) cost the counters nothing.
 */
public final class JobCounts {

    private JobCounts() {
    }

    /**
     * A CTE named {@code counted} for the rows of CTE {@code changed}, each with
     * a {@code user_id} column, whose status went from {@code before} to {@code after} (SQL
     * expressions over {@code changed}'s columns, or literals).
     */
    public static String moved(String changed, String before, String after) {
        return """
                counted AS (
                    INSERT INTO job_count_deltas (user_id, status, jobs)
                    SELECT user_id, status, sum(delta)
                      FROM (SELECT user_id, %2$s AS status, -1 AS delta FROM %1$s
                            UNION ALL
                            SELECT user_id, %3$s, 1 FROM %1$s) moves
                     GROUP BY user_id, status
                    HAVING sum(delta) <> 0
                )""".formatted(changed, before, after);
    }
}

package br.agendador.support;

import br.agendador.jobs.queue.JobCounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test fixtures that set jobs' state by SQL (a job "already finished", every other test's due jobs
 * canceled) keep the status counters right the way the product's own statements do: the change
 * and its counter deltas in one statement.
 */
public final class JobRows {

    private JobRows() {
    }

    /**
     * {@code UPDATE jobs SET <setAndWhere>}, counting the status changes; returns the rows changed.
     *
     * @param setAndWhere e.g. {@code "status = 'CANCELED' WHERE status = 'SCHEDULED'"}, with {@code ?} for {@code params}
     */
    public static long update(JdbcClient jdbc, String setAndWhere, Object... params) {
        return jdbc.sql("WITH moved AS (UPDATE jobs SET " + setAndWhere
                        + " RETURNING user_id, old.status AS old_status, new.status AS new_status),\n"
                        + JobCounts.moved("moved", "old_status", "new_status") + "\nSELECT count(*) FROM moved")
                .params(params).query(Long.class).single();
    }

    /** Nobody else's due or running jobs get in a test's way (they are canceled). */
    public static long cancelEveryScheduledJob(JdbcClient jdbc) {
        return update(jdbc, "status = 'CANCELED', lease_until = NULL WHERE status IN ('SCHEDULED', 'RUNNING')");
    }
}

package br.agendador.dispatch;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker's hold on the jobs it runs, on the database clock: renewed by heartbeats while the
 * lookups run, given back at shutdown. Both are fenced like every other change.
 */
final class Leases {

    /**
     * Rows are locked in id order first: heartbeats, finishes and releases of overlapping jobs
     * would otherwise lock them in whatever order their joins run, and deadlock.
     */
    private static final String RENEW = """
            WITH held (id, attempt) AS (SELECT * FROM unnest(?::bigint[], ?::int[])),
            locked AS MATERIALIZED (
                SELECT j.id FROM jobs j JOIN held h ON h.id = j.id AND h.attempt = j.attempt
                 WHERE j.status = 'RUNNING'
                 ORDER BY j.id
                   FOR UPDATE OF j
            )
            UPDATE jobs j
               SET lease_until = now() + ? * interval '1 millisecond'
              FROM locked l
             WHERE j.id = l.id
            RETURNING j.id""";

    /**
     * Back to the queue in its old place; {@code retry_base} moves with {@code attempt}, so the
     * try that was cut short does not count against {@code max-attempts}.
     */
    private static final String RELEASE = """
            WITH held (id, attempt) AS (SELECT * FROM unnest(?::bigint[], ?::int[])),
            locked AS MATERIALIZED (
                SELECT j.id FROM jobs j JOIN held h ON h.id = j.id AND h.attempt = j.attempt
                 WHERE j.status = 'RUNNING'
                 ORDER BY j.id
                   FOR UPDATE OF j
            ),
            released AS (
                UPDATE jobs j
                   SET status = 'SCHEDULED', retry_base = j.retry_base + 1, lease_until = NULL, worker_id = NULL,
                       updated_at = now()
                  FROM locked l
                 WHERE j.id = l.id
             RETURNING j.id, j.attempt
            )
            UPDATE job_attempts a
               SET finished_at = now(), outcome = 'RELEASED', error = 'the worker shut down before the lookup ended'
              FROM released r
             WHERE a.job_id = r.id AND a.attempt = r.attempt""";

    private final DispatchTransactions transactions;
    private final Duration lease;

    Leases(DispatchTransactions transactions, Duration lease) {
        this.transactions = transactions;
        this.lease = lease;
    }

    /** Extends the leases of the jobs still running; returns the ids still held (the others were taken back). */
    Set<Long> renew(List<ClaimedJob> running) {
        if (running.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(transactions.jdbc().sql(RENEW)
                .params(ids(running), attempts(running), lease.toMillis())
                .query(Long.class)
                .list());
    }

    /** Gives jobs back to the queue without counting the try; returns how many were still held. */
    int release(List<ClaimedJob> jobs) {
        if (jobs.isEmpty()) {
            return 0;
        }
        return transactions.inTransaction(jdbc -> jdbc.sql(RELEASE).params(ids(jobs), attempts(jobs)).update());
    }

    private static long[] ids(List<ClaimedJob> jobs) {
        return jobs.stream().mapToLong(ClaimedJob::id).toArray();
    }

    private static int[] attempts(List<ClaimedJob> jobs) {
        return jobs.stream().mapToInt(ClaimedJob::attempt).toArray();
    }
}

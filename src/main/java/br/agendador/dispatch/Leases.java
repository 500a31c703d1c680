package br.agendador.dispatch;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker's hold on the jobs it runs, on the database clock: renewed by heartbeats while the
 * lookups run, given back at shutdown. Both are fenced like every other change.
 */
final class Leases {

    /**
     * Locks the rows of the jobs still RUNNING under the given attempts, in id order: heartbeats,
     * finishes and releases of overlapping jobs would otherwise lock them in whatever order their
     * joins run, and deadlock. A statement of its own, before the change: a statement's snapshot
     * is taken when it starts, so the change that follows sees the rows as they are once locked.
     * Locking and changing in one statement (a {@code FOR UPDATE} CTE) leaves the change working
     * on the snapshot from before a concurrent heartbeat committed, and PostgreSQL then skipped
     * some of those rows: finishes were refused as if the job had been taken back.
     */
    static final String LOCK_HELD = """
            SELECT j.id FROM jobs j
              JOIN unnest(?::bigint[], ?::int[]) AS held (id, attempt) ON held.id = j.id AND held.attempt = j.attempt
             WHERE j.status = 'RUNNING'
             ORDER BY j.id
               FOR UPDATE OF j""";

    private static final String RENEW = """
            UPDATE jobs j
               SET lease_until = now() + ? * interval '1 millisecond'
              FROM unnest(?::bigint[], ?::int[]) AS held (id, attempt)
             WHERE j.id = held.id AND j.attempt = held.attempt AND j.status = 'RUNNING'
            RETURNING j.id""";

    /**
     * Back to the queue in its old place; {@code retry_base} moves with {@code attempt}, so the
     * try that was cut short does not count against {@code max-attempts}.
     */
    private static final String RELEASE = """
            WITH held (id, attempt) AS (SELECT * FROM unnest(?::bigint[], ?::int[])),
            released AS (
                UPDATE jobs j
                   SET status = 'SCHEDULED', retry_base = j.retry_base + 1, lease_until = NULL, worker_id = NULL,
                       updated_at = now()
                  FROM held h
                 WHERE j.id = h.id AND j.attempt = h.attempt AND j.status = 'RUNNING'
             RETURNING j.id, j.attempt, j.started_at
            )
            INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome, error)
            SELECT id, attempt, ?, started_at, now(), 'RELEASED', 'the worker shut down before the lookup ended'
              FROM released""";

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
        long[] ids = ids(running);
        int[] attempts = attempts(running);
        return transactions.inTransaction(jdbc -> {
            lockHeld(jdbc, ids, attempts);
            return new HashSet<>(jdbc.sql(RENEW).params(lease.toMillis(), ids, attempts).query(Long.class).list());
        });
    }

    /** Gives {@code workerId}'s jobs back to the queue without counting the try; returns how many were still held. */
    int release(String workerId, List<ClaimedJob> jobs) {
        if (jobs.isEmpty()) {
            return 0;
        }
        long[] ids = ids(jobs);
        int[] attempts = attempts(jobs);
        return transactions.inTransaction(jdbc -> {
            lockHeld(jdbc, ids, attempts);
            return jdbc.sql(RELEASE).params(ids, attempts, workerId).update();
        });
    }

    /** Locks (id order) the rows of these jobs that are still RUNNING under these attempts. */
    static void lockHeld(JdbcClient jdbc, long[] ids, int[] attempts) {
        jdbc.sql(LOCK_HELD).params(ids, attempts).query(Long.class).list();
    }

    private static long[] ids(List<ClaimedJob> jobs) {
        return jobs.stream().mapToLong(ClaimedJob::id).toArray();
    }

    private static int[] attempts(List<ClaimedJob> jobs) {
        return jobs.stream().mapToInt(ClaimedJob::attempt).toArray();
    }
}

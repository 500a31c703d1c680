package br.agendador.jobs.queue;

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
     * Locks the rows of the given jobs one by one in id order, and returns those still RUNNING
     * under the given attempts: the only rows the change that follows may touch, by id alone.
     * Id order, because heartbeats, finishes and releases of overlapping jobs would otherwise lock
     * them in whatever order their joins run, and deadlock. A statement of its own, before the
     * change: a statement's snapshot is taken when it starts, so the change that follows sees the
     * rows as they are once locked. Locking and changing in one statement (a {@code FOR UPDATE}
     * CTE) leaves the change working on the snapshot from before a concurrent heartbeat committed,
     * and PostgreSQL then skipped some of those rows: finishes were refused as if the job had been
     * taken back.
     *
     * <p>By primary key, row by row: joined on the RUNNING condition, PostgreSQL chose a bitmap
     * scan of the partial index of RUNNING jobs, which visits every dead entry left by the jobs
     * finished since the last vacuum, tens of thousands at full speed, for every batch.
     */
    static final String LOCK_HELD = """
            SELECT l.id
              FROM (SELECT * FROM unnest(?::bigint[], ?::int[]) AS h (id, attempt) ORDER BY id) held
             CROSS JOIN LATERAL (SELECT j.id, j.attempt, j.status FROM jobs j WHERE j.id = held.id FOR UPDATE) l
             WHERE l.attempt = held.attempt AND l.status = 'RUNNING'""";

    private static final String RENEW = """
            UPDATE jobs SET lease_until = now() + ? * interval '1 millisecond' WHERE id = ANY (?) RETURNING id""";

    /**
     * Back to the queue in its old place; {@code retry_base} moves with {@code attempt}, so the
     * try that was cut short does not count against {@code max-attempts}.
     */
    private static final String RELEASE = """
            WITH released AS (
                UPDATE jobs j
                   SET status = 'SCHEDULED', retry_base = j.retry_base + 1, lease_until = NULL, worker_id = NULL,
                       updated_at = now()
                 WHERE j.id = ANY (?)
             RETURNING j.id, j.user_id, j.attempt, j.started_at
            ),
            """ + JobCounts.moved("released", "'RUNNING'", "'SCHEDULED'") + """
            INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome, error)
            SELECT id, attempt, ?, started_at, now(), 'RELEASED', 'the worker shut down before the lookup ended'
              FROM released""";

    private final QueueTransactions transactions;
    private final Duration lease;

    Leases(QueueTransactions transactions, Duration lease) {
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
            long[] held = lockHeld(jdbc, ids, attempts);
            return new HashSet<>(jdbc.sql(RENEW).params(lease.toMillis(), held).query(Long.class).list());
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
            long[] held = lockHeld(jdbc, ids, attempts);
            return held.length == 0 ? 0 : jdbc.sql(RELEASE).params(held, workerId).update();
        });
    }

    /** Locks (id order) the rows of these jobs; returns the ids of those still RUNNING under these attempts. */
    static long[] lockHeld(JdbcClient jdbc, long[] ids, int[] attempts) {
        return jdbc.sql(LOCK_HELD).params(ids, attempts).query(Long.class).list().stream().mapToLong(Long::longValue)
                .toArray();
    }

    private static long[] ids(List<ClaimedJob> jobs) {
        return jobs.stream().mapToLong(ClaimedJob::id).toArray();
    }

    private static int[] attempts(List<ClaimedJob> jobs) {
        return jobs.stream().mapToInt(ClaimedJob::attempt).toArray();
    }
}

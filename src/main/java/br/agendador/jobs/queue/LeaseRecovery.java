package br.agendador.jobs.queue;

import java.time.Instant;
import java.util.List;

import br.agendador.jobs.JobFailed;
import br.agendador.jobs.Recurrence;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Takes jobs back from workers that stopped renewing their leases (crashed, frozen, cut off from
 * the database): each goes back to the queue in its old place, or ends FAILED when its run has
 * used every try. The attempt number stays, so the lost worker's finish is refused if it ever
 * comes. Runs in the {@code scheduler} role; several schedulers may run it at once
 * ({@code SKIP LOCKED}, and the state is checked again under the row lock).
 */
final class LeaseRecovery {

    /** Jobs taken back per statement; a pass repeats until fewer come back. */
    static final int BATCH = 500;

    private static final String RECOVER = """
            WITH expired AS MATERIALIZED (
                SELECT id, worker_id, started_at FROM jobs
                 WHERE status = 'RUNNING' AND lease_until < now()
                 ORDER BY lease_until
                 LIMIT :batch
                   FOR UPDATE SKIP LOCKED
            ),
            recovered AS (
                UPDATE jobs j
                   SET status = CASE WHEN j.attempt - j.retry_base >= :maxAttempts THEN 'FAILED' ELSE 'SCHEDULED' END,
                       finished_at = CASE WHEN j.attempt - j.retry_base >= :maxAttempts THEN now() END,
                       last_error = CASE WHEN j.attempt - j.retry_base >= :maxAttempts
                                         THEN 'gave up after ' || (j.attempt - j.retry_base) || ' tries: '
                                         ELSE '' END
                                    || 'worker ' || coalesce(e.worker_id, '?') || ' stopped renewing its lease',
                       lease_until = NULL, worker_id = NULL, updated_at = now()
                  FROM expired e
                 WHERE j.id = e.id AND j.status = 'RUNNING' AND j.lease_until < now()
             RETURNING j.id, j.user_id, j.cnpj, j.status, j.attempt, j.retry_base, j.recurrence, j.scheduled_at,
                       j.last_error
            ),
            recorded AS (
                INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome, error)
                SELECT r.id, r.attempt, coalesce(e.worker_id, '?'), e.started_at, now(), 'LEASE_EXPIRED', r.last_error
                  FROM recovered r JOIN expired e ON e.id = r.id
            ),
            """ + JobCounts.moved("recovered", "'RUNNING'", "status") + """
            SELECT recovered.*, now() AS recovered_at FROM recovered""";

    private final QueueTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Recurrences recurrences;
    private final int maxAttempts;

    LeaseRecovery(QueueTransactions transactions, ApplicationEventPublisher events, Recurrences recurrences,
            int maxAttempts) {
        this.transactions = transactions;
        this.events = events;
        this.recurrences = recurrences;
        this.maxAttempts = maxAttempts;
    }

    /** One recovery pass: takes back every job whose lease has expired. */
    JobQueue.Recovery recoverExpiredLeases() {
        int requeued = 0;
        int failed = 0;
        List<Recovered> batch;
        do {
            batch = recoverBatch();
            for (Recovered job : batch) {
                if (job.gaveUp()) {
                    failed++;
                } else {
                    requeued++;
                }
            }
        } while (batch.size() == BATCH);
        return new JobQueue.Recovery(requeued, failed);
    }

    private List<Recovered> recoverBatch() {
        List<Recovered> recovered = transactions.inTransaction(jdbc -> {
            List<Recovered> jobs = jdbc.sql(RECOVER).param("batch", BATCH).param("maxAttempts", maxAttempts)
                    .query((rs, row) -> new Recovered(rs.getLong("id"), rs.getLong("user_id"), rs.getString("cnpj"),
                            "FAILED".equals(rs.getString("status")), rs.getInt("attempt"),
                            Recurrence.valueOf(rs.getString("recurrence")), Claims.instant(rs, "scheduled_at"),
                            rs.getString("last_error"), Claims.instant(rs, "recovered_at")))
                    .list();
            for (Recovered job : jobs.stream().filter(Recovered::gaveUp).toList()) {
                events.publishEvent(new JobFailed(job.id(), job.userId(), job.cnpj(), job.at(), job.attempt(), job.error()));
                recurrences.scheduleNext(jdbc, job.id(), job.userId(), job.recurrence(), job.scheduledAt(), job.at())
                        .ifPresent(events::publishEvent);
            }
            return jobs;
        });
        return recovered;
    }

    private record Recovered(long id, long userId, String cnpj, boolean gaveUp, int attempt, Recurrence recurrence,
            Instant scheduledAt, String error, Instant at) {
    }
}

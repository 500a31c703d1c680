package br.agendador.jobs.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.JobSucceeded;
import br.agendador.jobs.JobsFinished;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records how runs ended, a batch at a time, in one short transaction: the job's new state, its
 * attempt row (written once, now that the attempt has ended), the status counters' deltas, the
 * batch's {@link JobsFinished} event and a recurring job's next occurrence commit together.
 *
 * <p>Every update is fenced: it applies only while the job is still RUNNING under the attempt
 * this worker claimed. A worker whose lease expired (and whose job was taken back, and perhaps
 * run again by someone else) or that gave the job back at shutdown finds its finish refused and
 * changes nothing.
 */
final class Finisher {

    private static final String FINISH = """
            WITH outcome (id, attempt, status, outcome, retry_millis, error, provider, result) AS (
                SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                     ?::text[])
            ),
            finished AS (
                UPDATE jobs j
                   SET status = o.status,
                       scheduled_at = CASE WHEN o.status = 'SCHEDULED'
                                           THEN now() + o.retry_millis * interval '1 millisecond'
                                           ELSE j.scheduled_at END,
                       finished_at = CASE WHEN o.status = 'SCHEDULED' THEN NULL ELSE now() END,
                       lease_until = NULL, worker_id = NULL, last_error = o.error, result = o.result::jsonb,
                       updated_at = now()
                  FROM outcome o
                 WHERE j.id = o.id AND j.attempt = o.attempt
             RETURNING j.id, j.user_id, j.attempt, j.started_at, o.status, o.outcome, o.provider, o.error
            ),
            """ + JobCounts.moved("finished", "'RUNNING'", "status") + """
            ,
            -- what the attempt row needs comes through RETURNING: joining outcome again let the
            -- generic plan compare every row with every other (quadratic in the batch)
            recorded AS (
                INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome, provider, error)
                SELECT f.id, f.attempt, ?, f.started_at, now(), f.outcome, f.provider, f.error FROM finished f
            )
            SELECT id, attempt, now() AS finished_at FROM finished""";

    private final QueueTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Recurrences recurrences;

    Finisher(QueueTransactions transactions, ApplicationEventPublisher events, Recurrences recurrences) {
        this.transactions = transactions;
        this.events = events;
        this.recurrences = recurrences;
    }

    /**
     * Writes the batch of runs {@code workerId} ended; returns the completions that were accepted
     * (the others were fenced out).
     */
    List<Completion> finish(String workerId, List<Completion> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(jdbc -> {
            Map<Fence, Instant> finished = new HashMap<>();
            // rows locked first, in a statement of their own (see Leases.LOCK_HELD); only those
            // still held are written, each found by its id
            Set<Long> held = LongStream.of(Leases.lockHeld(jdbc, column(batch, c -> c.job().id()),
                    batch.stream().mapToInt(c -> c.job().attempt()).toArray())).boxed().collect(Collectors.toSet());
            List<Completion> writable = batch.stream().filter(c -> held.contains(c.job().id())).toList();
            if (writable.isEmpty()) {
                return List.<Completion>of();
            }
            jdbc.sql(FINISH)
                    .params(column(writable, c -> c.job().id()),
                            writable.stream().mapToInt(c -> c.job().attempt()).toArray(),
                            texts(writable, c -> c.status().name()), texts(writable, c -> c.outcome().name()),
                            column(writable, c -> c.retryIn() == null ? 0 : c.retryIn().toMillis()),
                            texts(writable, Completion::error), texts(writable, Completion::provider),
                            texts(writable, Completion::result), workerId)
                    .query(rs -> {
                        finished.put(new Fence(rs.getLong("id"), rs.getInt("attempt")), Claims.instant(rs, "finished_at"));
                    });
            List<Completion> done = new ArrayList<>(finished.size());
            Announcements announcements = new Announcements();
            for (Completion completion : batch) {
                Instant at = finished.get(new Fence(completion.job().id(), completion.job().attempt()));
                if (at != null) {
                    done.add(completion);
                    announcements.add(completion, at);
                    if (completion.status().isFinished()) {
                        ClaimedJob job = completion.job();
                        recurrences.scheduleNext(jdbc, job.id(), job.userId(), job.recurrence(), job.scheduledAt(), at)
                                .ifPresent(events::publishEvent);
                    }
                }
            }
            announcements.publish(events);
            return done;
        });
    }

    /** The batch's ends as one {@link JobsFinished}; each change to a company as its own event. */
    private static final class Announcements {

        private final List<JobSucceeded> succeeded = new ArrayList<>();
        private final List<JobNotFound> notFound = new ArrayList<>();
        private final List<JobFailed> failed = new ArrayList<>();
        private final List<CompanyChanged> changed = new ArrayList<>();

        void add(Completion completion, Instant at) {
            ClaimedJob job = completion.job();
            String cnpj = job.cnpj().value();
            if (completion.status() == JobStatus.SUCCEEDED) {
                succeeded.add(new JobSucceeded(job.id(), job.userId(), cnpj, at, job.attempt(), completion.provider()));
                if (!completion.changes().isEmpty()) {
                    changed.add(new CompanyChanged(job.id(), job.userId(), cnpj, completion.changes(), at));
                }
            } else if (completion.status() == JobStatus.NOT_FOUND) {
                notFound.add(new JobNotFound(job.id(), job.userId(), cnpj, at, job.attempt(), completion.error()));
            } else if (completion.status() == JobStatus.FAILED) {
                failed.add(new JobFailed(job.id(), job.userId(), cnpj, at, job.attempt(), completion.error()));
            }
        }

        void publish(ApplicationEventPublisher events) {
            if (!succeeded.isEmpty() || !notFound.isEmpty() || !failed.isEmpty()) {
                events.publishEvent(new JobsFinished(succeeded, notFound, failed));
            }
            changed.forEach(events::publishEvent);
        }
    }

    private static long[] column(List<Completion> batch, ToLongFunction<Completion> value) {
        return batch.stream().mapToLong(value).toArray();
    }

    private static String[] texts(List<Completion> batch, Function<Completion, String> value) {
        return batch.stream().map(value).toArray(String[]::new);
    }

    /** A job under one claim: the attempt is the fencing token. */
    record Fence(long jobId, int attempt) {
    }
}

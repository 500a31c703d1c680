package br.agendador.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import br.agendador.cnpj.Cnpj;
import org.jspecify.annotations.Nullable;

/**
 * The job aggregate: one CNPJ to look up at a time, and the state machine of ARCHITECTURE §3.
 * Every change returns a new {@code Job}; a change the current state does not allow throws
 * {@link IllegalTransitionException} and changes nothing.
 *
 * <p>{@code attempt} belongs to the dispatcher (it is the fencing token of each claim) and never
 * goes back. When a person (re)schedules a job, {@code retryBase} moves up to it, so the
 * dispatcher counts a fresh allowance of tries from there.
 */
record Job(
        @Nullable Long id,
        long userId,
        Cnpj cnpj,
        JobStatus status,
        int priority,
        @Nullable String label,
        Recurrence recurrence,
        Instant scheduledAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int attempt,
        int retryBase,
        @Nullable String lastError,
        @Nullable String result,
        @Nullable Long bulkImportId) {

    static final int MIN_PRIORITY = 1;
    static final int MAX_PRIORITY = 5;
    static final int DEFAULT_PRIORITY = 3;

    Job {
        Objects.requireNonNull(cnpj, "cnpj");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be between 1 and 5, not " + priority);
        }
        if (attempt < retryBase) {
            throw new IllegalArgumentException("attempt " + attempt + " is behind retry base " + retryBase);
        }
    }

    /** A new job, due at {@code scheduledAt}, or now when that is null. */
    static Job schedule(long userId, Cnpj cnpj, @Nullable Instant scheduledAt, int priority, @Nullable String label,
            Recurrence recurrence, Clock clock) {
        Instant now = now(clock);
        return new Job(null, userId, cnpj, JobStatus.SCHEDULED, priority, label, recurrence,
                scheduledAt == null ? now : micros(scheduledAt),
                now, now, null, null, 0, 0, null, null, null);
    }

    /** The owner changed what, when or how often; only while it waits to run. */
    Job reschedule(Cnpj newCnpj, Instant newScheduledAt, int newPriority, @Nullable String newLabel,
            Recurrence newRecurrence, Clock clock) {
        Change.EDIT.check(this);
        return new Job(id, userId, newCnpj, JobStatus.SCHEDULED, newPriority, newLabel, newRecurrence,
                micros(newScheduledAt), createdAt, now(clock), null, null, attempt, attempt, lastError, result, bulkImportId);
    }

    /** The owner no longer wants it run. */
    Job cancel(Clock clock) {
        Change.CANCEL.check(this);
        Instant now = now(clock);
        return new Job(id, userId, cnpj, JobStatus.CANCELED, priority, label, recurrence, scheduledAt, createdAt, now,
                startedAt, now, attempt, retryBase, lastError, result, bulkImportId);
    }

    /**
     * A FAILED or NOT_FOUND job runs again now, with a fresh allowance of tries. Retried alone, it
     * leaves its bulk import: its owner asked for this one run and hears about it on its own.
     */
    Job retry(Clock clock) {
        Change.RETRY.check(this);
        Instant now = now(clock);
        return new Job(id, userId, cnpj, JobStatus.SCHEDULED, priority, label, recurrence, now, createdAt, now,
                null, null, attempt, attempt, null, null, null);
    }

    /**
     * What a person may do to a job, and from which states. The dispatcher's moves (claim,
     * finish, retry with backoff) are fenced SQL updates in the dispatch module.
     */
    enum Change {
        EDIT("changed", EnumSet.of(JobStatus.SCHEDULED)),
        CANCEL("canceled", EnumSet.of(JobStatus.SCHEDULED)),
        RETRY("retried", EnumSet.of(JobStatus.FAILED, JobStatus.NOT_FOUND));

        private final String verb;
        private final Set<JobStatus> from;

        Change(String verb, Set<JobStatus> from) {
            this.verb = verb;
            this.from = from;
        }

        boolean allowedFrom(JobStatus status) {
            return from.contains(status);
        }

        void check(Job job) {
            if (!allowedFrom(job.status())) {
                throw new IllegalTransitionException(job, verb, from.stream().map(Enum::name).sorted()
                        .collect(java.util.stream.Collectors.joining(" or ")));
            }
        }
    }

    private static Instant now(Clock clock) {
        return micros(clock.instant());
    }

    /** PostgreSQL keeps microseconds; cutting here makes what we answer equal what we store. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A change the job's current state does not allow. */
    static final class IllegalTransitionException extends RuntimeException {

        private final Object[] arguments;

        /** @param allowedFrom the statuses the change is allowed from, "SCHEDULED" or "FAILED or NOT_FOUND" */
        IllegalTransitionException(Job job, String verb, String allowedFrom) {
            super(JobProblem.ILLEGAL_CHANGE.message(job.id(), verb, allowedFrom, job.status()));
            this.arguments = new Object[] {job.id(), verb, allowedFrom, job.status()};
        }

        /** The job, the change, the statuses that allow it, the job's status: {@link JobProblem#ILLEGAL_CHANGE}'s. */
        Object[] arguments() {
            return arguments.clone();
        }
    }
}

package br.agendador.jobs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One change for every job a filter matches ({@code POST /jobs/actions}): each applies to the jobs
 * in the states that allow it, as the same change to one job would, and leaves the others alone.
 *
 * @param scheduledAt the new time, for {@link Kind#RESCHEDULE}
 * @param priority the new priority, for {@link Kind#PRIORITY}
 */
public record JobAction(Kind kind, @Nullable Instant scheduledAt, @Nullable Integer priority) {

    public enum Kind {
        CANCEL(EnumSet.of(JobStatus.SCHEDULED)),
        RETRY(EnumSet.of(JobStatus.FAILED, JobStatus.NOT_FOUND)),
        RESCHEDULE(EnumSet.of(JobStatus.SCHEDULED)),
        PRIORITY(EnumSet.of(JobStatus.SCHEDULED));

        private final Set<JobStatus> from;

        Kind(Set<JobStatus> from) {
            this.from = Set.copyOf(from);
        }

        /** The states a job must be in for this change. */
        public Set<JobStatus> from() {
            return from;
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

package br.agendador.jobs;

import java.time.Instant;

/** A SCHEDULED job's time, priority, CNPJ, label or recurrence changed, or a user retried it. */
public record JobRescheduled(long jobId, long userId, String cnpj, Instant occurredAt) implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.SCHEDULED;
    }
}

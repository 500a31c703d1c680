package br.agendador.jobs;

import java.time.Instant;

/** A SCHEDULED job was cancelled by its owner. */
public record JobCanceled(long jobId, long userId, String cnpj, Instant occurredAt) implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.CANCELED;
    }
}

package br.agendador.jobs;

import java.time.Instant;

/** The job gave up: a permanent error, or every retry failed. */
public record JobFailed(long jobId, long userId, String cnpj, Instant occurredAt, int attempt, String error)
        implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.FAILED;
    }
}

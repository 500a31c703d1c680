package br.agendador.jobs;

import java.time.Instant;

/** A worker claimed the job and is looking the company up; {@code attempt} counts from 1. */
public record JobStarted(long jobId, long userId, String cnpj, Instant occurredAt, int attempt, String workerId)
        implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.RUNNING;
    }
}

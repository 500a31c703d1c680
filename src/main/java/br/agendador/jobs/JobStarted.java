package br.agendador.jobs;

import java.time.Instant;

/**
 * A worker claimed the job and is looking the company up. {@code attempt} is the job's claim counter
 * (the API's {@code attempt}, the fencing token): it never goes back, across retries and runs.
 */
public record JobStarted(long jobId, long userId, String cnpj, Instant occurredAt, int attempt, String workerId)
        implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.RUNNING;
    }
}

package br.agendador.jobs;

import java.time.Instant;

/** The company was found; its snapshot is the job's result. */
public record JobSucceeded(long jobId, long userId, String cnpj, Instant occurredAt, int attempt, String source)
        implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.SUCCEEDED;
    }
}

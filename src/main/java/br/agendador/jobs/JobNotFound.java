package br.agendador.jobs;

import java.time.Instant;

/** The CNPJ is valid but the Receita has no such company. */
public record JobNotFound(long jobId, long userId, String cnpj, Instant occurredAt, int attempt, String detail)
        implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.NOT_FOUND;
    }
}

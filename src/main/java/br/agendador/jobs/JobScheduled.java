package br.agendador.jobs;

import java.time.Instant;

/** A job was created (by the API, a bulk import or a recurrence). */
public record JobScheduled(long jobId, long userId, String cnpj, Instant occurredAt) implements JobEvent {

    @Override
    public JobStatus status() {
        return JobStatus.SCHEDULED;
    }
}

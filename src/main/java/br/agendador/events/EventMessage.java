package br.agendador.events;

import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobCanceled;
import br.agendador.jobs.JobEvent;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobRescheduled;
import br.agendador.jobs.JobScheduled;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.JobSucceeded;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of an event on the broker: {@code {jobId, userId, cnpj, status, occurredAt}},
 * plus {@code changes} for {@code company.changed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventMessage(long jobId, long userId, String cnpj, String status, Instant occurredAt,
        @Nullable List<FieldChange> changes) {

    static EventMessage of(JobEvent event) {
        return new EventMessage(event.jobId(), event.userId(), event.cnpj(), event.status().name(), event.occurredAt(),
                null);
    }

    /** A company changes only when a lookup of it succeeded. */
    static EventMessage of(CompanyChanged event) {
        return new EventMessage(event.jobId(), event.userId(), event.cnpj(), JobStatus.SUCCEEDED.name(),
                event.occurredAt(), event.changes());
    }

    /**
     * The routing key: the job's new state. A job edited or retried is scheduled again, so it is
     * announced as {@code job.scheduled} too.
     */
    static String routingKey(JobEvent event) {
        return switch (event) {
            case JobScheduled e -> "job.scheduled";
            case JobRescheduled e -> "job.scheduled";
            case JobStarted e -> "job.started";
            case JobSucceeded e -> "job.succeeded";
            case JobNotFound e -> "job.not-found";
            case JobFailed e -> "job.failed";
            case JobCanceled e -> "job.canceled";
        };
    }

    static final String COMPANY_CHANGED = "company.changed";
}

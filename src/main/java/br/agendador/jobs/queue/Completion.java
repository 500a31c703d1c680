package br.agendador.jobs.queue;

import java.time.Duration;
import java.util.List;

import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * How a claimed job's run ended and what to write: the job's next status (an end state, or
 * SCHEDULED for a retry), the attempt's outcome and what goes with them.
 *
 * @param retryIn for a retry, how long after now (database clock) to run again
 * @param error the failure, or for NOT_FOUND the provider's words
 * @param provider the provider that answered (found or not found)
 * @param result the company snapshot as JSON, for SUCCEEDED
 * @param changes what differs from the company's previous snapshot, for SUCCEEDED
 */
@NamedInterface("queue")
public record Completion(ClaimedJob job, JobStatus status, AttemptOutcome outcome, @Nullable Duration retryIn,
        @Nullable String error, @Nullable String provider, @Nullable String result, List<FieldChange> changes) {

    public Completion {
        changes = List.copyOf(changes);
    }

    public static Completion succeeded(ClaimedJob job, String provider, String result, List<FieldChange> changes) {
        return new Completion(job, JobStatus.SUCCEEDED, AttemptOutcome.SUCCEEDED, null, null, provider, result, changes);
    }

    public static Completion notFound(ClaimedJob job, String provider, String detail) {
        return new Completion(job, JobStatus.NOT_FOUND, AttemptOutcome.NOT_FOUND, null, detail, provider, null, List.of());
    }

    public static Completion failed(ClaimedJob job, String error) {
        return new Completion(job, JobStatus.FAILED, AttemptOutcome.FAILED, null, error, null, null, List.of());
    }

    public static Completion retry(ClaimedJob job, String error, Duration retryIn) {
        return new Completion(job, JobStatus.SCHEDULED, AttemptOutcome.RETRY, retryIn, error, null, null, List.of());
    }
}

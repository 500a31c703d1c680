package br.agendador.jobs.queue;

import java.time.Duration;
import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.Recurrence;
import org.springframework.modulith.NamedInterface;

/**
 * A job this worker claimed: it runs it, renews its lease and finishes it with {@code attempt}
 * as the fencing token.
 *
 * @param attempt the job's claim counter after this claim; never goes back
 * @param tries the tries of the current run, this one included ({@code attempt - retry_base})
 * @param startedAt the claim time on the database clock
 */
@NamedInterface("queue")
public record ClaimedJob(long id, long userId, Cnpj cnpj, int attempt, int tries, int priority, Recurrence recurrence,
        Instant scheduledAt, Instant startedAt) {

    /** How late the job started (never negative: a job is not claimed before it is due). */
    public Duration lateness() {
        return Duration.between(scheduledAt, startedAt);
    }
}

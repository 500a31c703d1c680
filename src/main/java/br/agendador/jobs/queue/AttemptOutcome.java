package br.agendador.jobs.queue;

import org.springframework.modulith.NamedInterface;

/** How one attempt ended, as {@code job_attempts.outcome} records it. */
@NamedInterface("queue")
public enum AttemptOutcome {
    SUCCEEDED,
    NOT_FOUND,
    FAILED,
    /** A transient failure; the job is scheduled again after a backoff. */
    RETRY,
    /** The worker stopped renewing its lease (it crashed or lost the database); another will run the job. */
    LEASE_EXPIRED,
    /** The worker shut down before the lookup ended and gave the job back; the try does not count. */
    RELEASED
}

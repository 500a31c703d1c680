package br.agendador.jobs;

import java.time.Instant;

/**
 * Something that happened to a job, published after the change commits. Every event carries
 * what a consumer needs to route it without a lookup ({@code job.scheduled}, {@code job.failed}...).
 */
public sealed interface JobEvent
        permits JobScheduled, JobRescheduled, JobCanceled, JobStarted, JobSucceeded, JobNotFound, JobFailed {

    long jobId();

    long userId();

    String cnpj();

    Instant occurredAt();

    JobStatus status();
}

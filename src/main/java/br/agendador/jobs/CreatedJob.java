package br.agendador.jobs;

/** The job a create answered with; {@code replayed} when an idempotency key found an earlier one. */
public record CreatedJob(JobDetails job, boolean replayed) {
}

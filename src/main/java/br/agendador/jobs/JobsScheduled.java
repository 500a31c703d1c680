package br.agendador.jobs;

import java.time.Instant;
import java.util.List;

/**
 * Many jobs of one user were created at once (a bulk import): one event, so one row in the event
 * publication registry, instead of one {@link JobScheduled} per job. Listeners treat it as a
 * {@code JobScheduled} for each of {@link #jobs()}.
 */
public record JobsScheduled(long userId, List<ScheduledJob> jobs, Instant occurredAt) {

    public JobsScheduled {
        jobs = List.copyOf(jobs);
    }

    /** Each job as its own {@link JobScheduled}. */
    public List<JobScheduled> each() {
        return jobs.stream().map(job -> new JobScheduled(job.jobId(), userId, job.cnpj(), occurredAt)).toList();
    }

    /** One of the jobs created. */
    public record ScheduledJob(long jobId, String cnpj) {
    }
}

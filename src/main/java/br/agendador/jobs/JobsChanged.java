package br.agendador.jobs;

import java.time.Instant;
import java.util.List;

/**
 * Many jobs of one user changed by one action over a filtered set: one event, instead of one
 * {@link JobCanceled} or {@link JobRescheduled} per job (an action may change 100,000 jobs).
 * Listeners treat it as each of {@link #each()}.
 *
 * @param canceled whether they were canceled; otherwise rescheduled (retried, moved, given a new priority)
 */
public record JobsChanged(long userId, boolean canceled, List<JobsScheduled.ScheduledJob> jobs, Instant occurredAt) {

    public JobsChanged {
        jobs = List.copyOf(jobs);
    }

    public List<JobEvent> each() {
        return jobs.stream().<JobEvent>map(job -> canceled ? new JobCanceled(job.jobId(), userId, job.cnpj(), occurredAt)
                : new JobRescheduled(job.jobId(), userId, job.cnpj(), occurredAt)).toList();
    }
}

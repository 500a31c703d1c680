package br.agendador.jobs;

import java.util.List;

/**
 * A worker claimed several jobs at once: one event, so one row per listener in the event
 * publication registry, instead of one {@link JobStarted} per job (a 10,000-row import claimed in
 * batches of a few hundred). Listeners treat it as each of {@link #jobs()}.
 */
public record JobsStarted(List<JobStarted> jobs) {

    public JobsStarted {
        jobs = List.copyOf(jobs);
    }
}

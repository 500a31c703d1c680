package br.agendador.dispatch;

import java.util.concurrent.atomic.AtomicLong;

import br.agendador.jobs.queue.JobQueue;

/**
 * The queue as gauges, sampled by the scheduler every heartbeat rather than on every scrape: due
 * jobs, the age of the oldest one, running jobs and running jobs past their lease.
 */
final class QueueStatistics {

    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueMillis = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    QueueStatistics(DispatchMetrics metrics) {
        metrics.gauge("queue.due", "SCHEDULED jobs whose time has come", "jobs", due::get);
        metrics.gauge("queue.oldest.due.age", "How long the oldest due job has waited", "seconds",
                () -> oldestDueMillis.get() / 1000.0);
        metrics.gauge("queue.running", "RUNNING jobs, all workers together", "jobs", running::get);
        metrics.gauge("leases.expired", "RUNNING jobs past their lease, not yet taken back", "jobs", expired::get);
    }

    void record(JobQueue.Sample sample) {
        due.set(sample.due());
        oldestDueMillis.set(sample.oldestDue().toMillis());
        running.set(sample.running());
        expired.set(sample.expired());
    }
}

package br.agendador.dispatch;

import java.time.Duration;

import br.agendador.jobs.queue.JobQueue;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatcher's part of the {@code scheduler} role: every heartbeat interval, takes back the
 * jobs of workers that stopped renewing their leases and samples the queue's gauges. Safe to run
 * in several processes at once.
 */
final class Supervisor implements SmartLifecycle {

    private final JobQueue queue;
    private final QueueStatistics statistics;
    private final DispatchMetrics metrics;
    private final Duration interval;
    private final boolean autostart;
    private @Nullable Housekeeping threads;

    Supervisor(JobQueue queue, QueueStatistics statistics, DispatchMetrics metrics, Duration interval, boolean autostart) {
        this.queue = queue;
        this.statistics = statistics;
        this.metrics = metrics;
        this.interval = interval;
        this.autostart = autostart;
    }

    /** Refreshes the queue's gauges. */
    void sampleQueue() {
        statistics.record(queue.sample());
    }

    /** One recovery pass; returns how many jobs it took back. */
    int recoverExpiredLeases() {
        JobQueue.Recovery recovered = queue.recoverExpiredLeases();
        metrics.recovered(recovered.requeued(), recovered.failed());
        return recovered.requeued() + recovered.failed();
    }

    @Override
    public boolean isAutoStartup() {
        return autostart;
    }

    @Override
    public synchronized void start() {
        if (threads == null) {
            threads = new Housekeeping();
            threads.every("lease-recovery", interval, this::recoverExpiredLeases);
            threads.every("queue-statistics", interval, this::sampleQueue);
        }
    }

    @Override
    public synchronized void stop() {
        if (threads != null) {
            threads.close();
            threads = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return threads != null;
    }
}

package br.agendador.dispatch;

import java.time.Duration;
import java.util.List;

import br.agendador.jobs.queue.JobQueue;
import br.agendador.platform.background.BackgroundWork;
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
    private final BackgroundWork work;
    private List<BackgroundWork.Task> tasks = List.of();

    Supervisor(JobQueue queue, QueueStatistics statistics, DispatchMetrics metrics, Duration interval, boolean autostart,
            BackgroundWork work) {
        this.work = work;
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
        if (tasks.isEmpty()) {
            BackgroundWork.Options options = BackgroundWork.Options.defaults().onPlatformThread();
            tasks = List.of(work.every("dispatch-lease-recovery", interval, options, this::recoverExpiredLeases),
                    work.every("dispatch-queue-statistics", interval, options, this::sampleQueue));
        }
    }

    @Override
    public synchronized void stop() {
        tasks.forEach(BackgroundWork.Task::close);
        tasks = List.of();
    }

    @Override
    public synchronized boolean isRunning() {
        return !tasks.isEmpty();
    }
}

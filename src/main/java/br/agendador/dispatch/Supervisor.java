package br.agendador.dispatch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatcher's part of the {@code scheduler} role: every heartbeat interval, takes back the
 * jobs of workers that stopped renewing their leases and samples the queue's gauges. Safe to run
 * in several processes at once.
 */
final class Supervisor implements SmartLifecycle {

    private final LeaseRecovery recovery;
    private final QueueStatistics statistics;
    private final Duration interval;
    private final boolean autostart;
    private @Nullable Housekeeping threads;

    Supervisor(LeaseRecovery recovery, QueueStatistics statistics, Duration interval, boolean autostart) {
        this.recovery = recovery;
        this.statistics = statistics;
        this.interval = interval;
        this.autostart = autostart;
    }

    @Override
    public boolean isAutoStartup() {
        return autostart;
    }

    @Override
    public synchronized void start() {
        if (threads == null) {
            threads = new Housekeeping();
            threads.every("lease-recovery", interval, recovery::recoverExpiredLeases);
            threads.every("queue-statistics", interval, statistics::sample);
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

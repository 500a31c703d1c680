package br.agendador.platform.background;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one way the application runs work in the background: every periodic or endless task (the
 * dispatcher's claim loop, finisher, heartbeats and listener, lease recovery, mail delivery,
 * digests, counter folding, retention, event retries, the open data refresh) is a {@link Task}
 * started here. A task runs on a thread of its own named after it, pass after pass, waiting
 * between passes as long as the last pass asked; a pass that throws is logged with the task's name
 * and tried again after a pause that doubles while passes keep failing, so an outage neither kills
 * the task nor makes it spin (the one place where exceptions are swallowed). Every pass is timed in
 * {@code agendador.background.passes{task, outcome}}.
 *
 * <p>A periodic task marked {@link Options#exclusive()} runs in one process at a time across the
 * cluster: each turn first takes a PostgreSQL advisory lock named after the task and is skipped when
 * another process holds it (for work that must not be done twice at once, such as resubmitting
 * failed event publications).
 */
@Component
public class BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
    /** First key of the advisory locks of exclusive tasks ("BGND"). */
    private static final int EXCLUSIVE_LOCKS = 0x42474e44;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);

    private final MeterRegistry meters;
    private final @Nullable DataSource dataSource;

    public BackgroundWork(ObjectProvider<MeterRegistry> meters, ObjectProvider<DataSource> dataSource) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.dataSource = dataSource.getIfAvailable();
    }

    /** One pass of a task: does its work and says how long to wait before the next one ({@code ZERO}: at once). */
    @FunctionalInterface
    public interface Pass {
        Duration run() throws Exception;
    }

    /**
     * @param firstFailurePause the pause after a pass that failed; it doubles up to {@code longestFailurePause}
     * @param initialDelay before the first pass
     * @param exclusiveRetry when set, one process at a time across the cluster, and how soon a process
     *        that found the task taken looks again
     * @param virtual a virtual thread (for tasks that mostly wait) rather than a platform one
     */
    public record Options(Duration firstFailurePause, Duration longestFailurePause, Duration initialDelay,
            @Nullable Duration exclusiveRetry, boolean virtual) {

        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO, null, true);
        }

        public Options afterFailure(Duration first, Duration longest) {
            return new Options(first, longest, initialDelay, exclusiveRetry, virtual);
        }

        public Options startingAfter(Duration delay) {
            return new Options(firstFailurePause, longestFailurePause, delay, exclusiveRetry, virtual);
        }

        /** One process at a time across the cluster; a process that finds it taken looks again after {@code retry}. */
        public Options exclusiveInCluster(Duration retry) {
            return new Options(firstFailurePause, longestFailurePause, initialDelay, retry, virtual);
        }

        /** A platform thread: for tasks whose passes block in JDBC or sockets for long. */
        public Options onPlatformThread() {
            return new Options(firstFailurePause, longestFailurePause, initialDelay, exclusiveRetry, false);
        }

        boolean exclusive() {
            return exclusiveRetry != null;
        }
    }

    /** Starts a task whose passes say how long to wait before the next. */
    public Task start(String name, Options options, Pass pass) {
        Duration retry = options.exclusiveRetry();
        Task task = new Task(name, options, retry == null ? pass : () -> runAlone(name, pass, retry));
        task.start();
        return task;
    }

    /**
     * Starts a task that runs {@code pass} now (after the initial delay) and then every
     * {@code interval}; when exclusive, a process that finds another one running it skips that turn.
     */
    public Task every(String name, Duration interval, Options options, Runnable pass) {
        return start(name, options, () -> {
            pass.run();
            return interval;
        });
    }

    /** Runs {@code pass} unless another process is running this task (a cluster-wide advisory lock). */
    private Duration runAlone(String name, Pass pass, Duration retry) throws Exception {
        if (dataSource == null) {
            return pass.run();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "SELECT pg_try_advisory_lock(?, hashtext(?))", name)) {
                log.debug("Background task {} is running in another process; looking again in {}", name, retry);
                return retry;
            }
            try {
                return pass.run();
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?, hashtext(?))", name);
            }
        }
    }

    private static boolean lock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, EXCLUSIVE_LOCKS);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Runs {@code work} once, now, logging and swallowing what it throws (the work at shutdown, say). */
    public static boolean guarded(String name, Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            log.error("{} failed", name, e);
            return false;
        }
    }

    /** A task on its own thread; stopping lets a pass in progress finish. */
    public final class Task implements AutoCloseable {

        private final String name;
        private final Options options;
        private final Pass pass;
        private final Semaphore wakeUp = new Semaphore(0);
        private final Timer succeeded;
        private final Timer failed;
        private volatile boolean open = true;
        private volatile boolean wakeable = true;
        private @Nullable Thread thread;

        private Task(String name, Options options, Pass pass) {
            this.name = name;
            this.options = options;
            this.pass = pass;
            this.succeeded = timer("ok");
            this.failed = timer("failed");
        }

        private Timer timer(String outcome) {
            return Timer.builder("agendador.background.passes").description("Passes of background tasks, by outcome")
                    .tag("task", name).tag("outcome", outcome).register(meters);
        }

        public String name() {
            return name;
        }

        public boolean isOpen() {
            return open;
        }

        /** There is new work: the wait in progress ends now (unless the task is backing off after a failure). */
        public void wake() {
            wakeUp.release();
        }

        private void start() {
            Thread.Builder builder = options.virtual() ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
            thread = builder.name(name).start(this::loop);
        }

        private void loop() {
            if (!options.initialDelay().isZero() && !await(options.initialDelay())) {
                return;
            }
            Duration failurePause = options.firstFailurePause();
            while (open) {
                Duration wait;
                long started = System.nanoTime();
                try {
                    wait = pass.run();
                    succeeded.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    failurePause = options.firstFailurePause();
                    wakeable = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable e) {
                    failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (!open) {
                        return;
                    }
                    log.warn("Background task {} failed; trying again in {} ms: {}", name, failurePause.toMillis(), e.toString());
                    log.debug("Background task {} failure", name, e);
                    wait = failurePause;
                    wakeable = false;
                    Duration doubled = failurePause.multipliedBy(2);
                    failurePause = doubled.compareTo(options.longestFailurePause()) > 0 ? options.longestFailurePause() : doubled;
                }
                if (!wait.isZero() && !await(wait)) {
                    return;
                }
            }
        }

        /** Waits; false when the task was stopped meanwhile. */
        private boolean await(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            long remaining;
            try {
                while (open && (remaining = deadline - System.nanoTime()) > 0) {
                    if (wakeUp.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                        wakeUp.drainPermits();
                        if (wakeable) {
                            break;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return open;
        }

        /** Asks the task to stop after the pass it is in, without waiting for it. */
        public void stop() {
            open = false;
            wakeUp.release();
        }

        /** Stops the task and waits for the pass in progress; one still busy after a while is interrupted. */
        @Override
        public void close() {
            stop();
            Thread running = thread;
            if (running == null || running == Thread.currentThread()) {
                return;
            }
            try {
                if (!running.join(JOIN_TIMEOUT)) {
                    log.warn("Background task {} did not stop within {}; interrupting it", name, JOIN_TIMEOUT);
                    running.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package br.agendador.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's background threads. Whatever a pass throws is logged and the thread goes on
 * (after a pause that grows while passes keep failing, so a database outage does not spin): a
 * housekeeping thread never dies of an exception. This is the one place that swallows them.
 */
final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    /** One round of background work. */
    @FunctionalInterface
    interface Pass {
        void run() throws Exception;
    }

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Runs {@code pass} over and over on a thread of its own; the pass does its own waiting. */
    void repeat(String name, Pass pass) {
        start(name, () -> {
            Duration pause = FIRST_PAUSE;
            while (isOpen()) {
                if (guarded(name, pass)) {
                    pause = FIRST_PAUSE;
                } else if (isOpen()) {
                    pause(pause);
                    pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                }
            }
        });
    }

    /** Runs {@code pass} now and then every {@code interval}. */
    void every(String name, Duration interval, Pass pass) {
        start(name, () -> {
            while (isOpen()) {
                guarded(name, pass);
                pause(interval);
            }
        });
    }

    boolean isOpen() {
        return closed.getCount() > 0;
    }

    /** Runs one pass; logs and swallows whatever it throws. Returns whether it completed. */
    static boolean guarded(String name, Pass pass) {
        try {
            pass.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable e) {
            log.error("Dispatch {} failed; it carries on", name, e);
            return false;
        }
    }

    private void start(String name, Runnable loop) {
        Thread thread = Thread.ofPlatform().name("dispatch-" + name).daemon(true).unstarted(loop);
        threads.add(thread);
        thread.start();
    }

    private void pause(Duration duration) {
        try {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks every thread to stop after the pass it is in, without waiting for them. */
    void stop() {
        closed.countDown();
    }

    /**
     * Stops every thread and waits for them: they finish the pass they are in (passes wait at
     * most a short while); the ones still busy after a while are interrupted.
     */
    @Override
    public void close() {
        stop();
        for (Thread thread : threads) {
            try {
                if (!thread.join(JOIN_TIMEOUT)) {
                    log.warn("{} did not stop within {}; interrupting it", thread.getName(), JOIN_TIMEOUT);
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

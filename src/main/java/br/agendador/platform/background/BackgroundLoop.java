package br.agendador.platform.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A virtual thread that runs a pass over and over, waiting between passes as long as the last
 * one asked, for background work such as sending mail or writing digests. A pass that throws is
 * logged and tried again later: the loop never dies. Stopping lets a pass in progress finish, so
 * what it did gets recorded, and only then interrupts it.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread thread;

    protected BackgroundLoop(String name) {
        this.name = name;
    }

    /** Does one pass of the work. */
    protected abstract Duration runOnce();

    /** How long to wait after a pass that failed (the database was away...). */
    protected abstract Duration waitAfterFailure();

    /** Whether {@link #wake()} may cut the current wait short; not while backing off, say. */
    protected boolean wakeable() {
        return true;
    }

    /** There is new work: start the next pass now rather than when the wait is over. */
    public void wake() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            Duration wait;
            try {
                wait = runOnce();
            } catch (RuntimeException e) {
                log.warn("{} pass failed, trying again in {} s: {}", name, waitAfterFailure().toSeconds(), e.toString());
                wait = waitAfterFailure();
            }
            try {
                await(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void await(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long remaining;
        while (running && (remaining = deadline - System.nanoTime()) > 0) {
            if (wakeUp.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                wakeUp.drainPermits();
                if (wakeable()) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name(name).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.release();
        Thread current = thread;
        if (current != null) {
            try {
                if (!current.join(STOP_GRACE)) {
                    current.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package br.agendador.platform.background;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link BackgroundWork} task that starts and stops with the application: for components whose
 * whole job is one background task (mail delivery, digests, retention...). Subclasses say what a
 * pass does and how long to wait after it.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final String name;
    private final BackgroundWork work;
    private final BackgroundWork.Options options;
    private volatile BackgroundWork.@Nullable Task task;

    protected BackgroundLoop(String name, BackgroundWork work, BackgroundWork.Options options) {
        this.name = name;
        this.work = work;
        this.options = options;
    }

    /** Does one pass of the work; returns how long to wait before the next. */
    protected abstract Duration runOnce();

    /** Whether {@link #wake()} may cut the current wait short; not while the loop backs off on its own, say. */
    protected boolean wakeable() {
        return true;
    }

    /** There is new work: start the next pass now rather than when the wait is over (not while backing off). */
    public void wake() {
        BackgroundWork.Task running = task;
        if (running != null && wakeable()) {
            running.wake();
        }
    }

    @Override
    public synchronized void start() {
        if (task == null) {
            task = work.start(name, options, this::runOnce);
        }
    }

    @Override
    public synchronized void stop() {
        BackgroundWork.Task running = task;
        task = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}

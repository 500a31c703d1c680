package br.agendador.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import br.agendador.jobs.JobStatus;
import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import br.agendador.jobs.queue.JobQueue;
import br.agendador.platform.background.BackgroundWork;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A worker (the {@code worker} role): claims due jobs as its slots free up, runs each on a
 * virtual thread, renews their leases and records how they ended.
 *
 * <p>It sleeps until the next job is due, and wakes early when the jobs table announces a job
 * that may be due sooner, when one of its runs ends, and after {@code poll-interval} at the
 * latest. One thread records finished runs, so that under load many finishes share a short
 * transaction.
 *
 * <p>On shutdown it stops claiming, lets the running jobs finish for up to
 * {@code shutdown-timeout}, and gives the rest back to the queue without counting their try.
 *
 * <p>Tests drive a dispatcher that is not started by hand, like db-scheduler's manual scheduler:
 * {@link #runDueJobs()} runs exactly one pass on the calling thread.
 */
final class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The most finished runs written in one transaction. */
    private static final int FINISH_BATCH = 500;
    /** How long the finishing thread waits for work before checking whether it should stop. */
    private static final Duration FINISH_WAIT = Duration.ofMillis(250);

    private final String workerId;
    private final DispatchProperties properties;
    private final JobQueue queue;
    private final JobRunner runner;
    private final DispatchMetrics metrics;
    private final Wakeup wakeup = new Wakeup();
    private final Semaphore slots;
    private final Map<ClaimedJob, FutureTask<?>> running = new ConcurrentHashMap<>();
    private final BlockingQueue<Completion> finished = new LinkedBlockingQueue<>();
    private final ReentrantLock runsLock = new ReentrantLock();
    private final Condition runEnded = runsLock.newCondition();
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dispatch-run-", 0).factory());
    private final BackgroundWork work;
    private volatile boolean looping;
    private BackgroundWork.@Nullable Task claimLoop;
    private List<BackgroundWork.Task> upkeep = List.of();

    Dispatcher(String workerId, DispatchProperties properties, JobQueue queue, JobRunner runner, DispatchMetrics metrics,
            BackgroundWork work) {
        this.work = work;
        this.workerId = workerId;
        this.properties = properties;
        this.queue = queue;
        this.runner = runner;
        this.metrics = metrics;
        this.slots = new Semaphore(properties.concurrency());
    }

    String workerId() {
        return workerId;
    }

    /** Runs in flight, recorded or not. */
    int busy() {
        return running.size();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.autostart();
    }

    @Override
    public synchronized void start() {
        if (looping) {
            return;
        }
        looping = true;
        BackgroundWork.Options options = BackgroundWork.Options.defaults().onPlatformThread();
        upkeep = List.of(
                work.start("dispatch-listener", options, () -> {
                    queue.listenForDueJobs(() -> looping, wakeup::signal);
                    return Duration.ZERO;
                }),
                work.start("dispatch-finisher", options, () -> {
                    recordFinishedRuns();
                    return Duration.ZERO;
                }),
                work.every("dispatch-heartbeat", properties.heartbeat(), options, this::renewLeases));
        claimLoop = work.start("dispatch-claims", options, () -> {
            wakeup.await(dispatchDueJobs());
            return Duration.ZERO;
        });
        log.info("Dispatcher {} started: {} slots, lease {}, heartbeat {}", workerId, properties.concurrency(),
                properties.lease(), properties.heartbeat());
    }

    @Override
    public synchronized boolean isRunning() {
        return looping;
    }

    @Override
    public void stop() {
        shutdown();
    }

    @Override
    public void stop(Runnable callback) {
        Thread.ofPlatform().name("dispatch-shutdown").start(() -> {
            try {
                shutdown();
            } finally {
                callback.run();
            }
        });
    }

    /**
     * Claims as many due jobs as there are free slots and starts them.
     *
     * @return how long to wait before looking again: nothing if every slot was filled (there may be
     *         more), else until the next job is due, at most {@code poll-interval}
     */
    Duration dispatchDueJobs() {
        int free = slots.availablePermits();
        if (free == 0) {
            return properties.pollInterval();
        }
        List<ClaimedJob> claimed = claim(free);
        claimed.forEach(this::start);
        if (claimed.size() == free) {
            return Duration.ZERO;
        }
        return queue.untilNextDue().filter(wait -> wait.compareTo(properties.pollInterval()) < 0)
                .orElse(properties.pollInterval());
    }

    private List<ClaimedJob> claim(int limit) {
        long start = System.nanoTime();
        List<ClaimedJob> claimed = queue.claim(workerId, limit);
        metrics.claimTook(Duration.ofNanos(System.nanoTime() - start));
        claimed.forEach(metrics::claimed);
        return claimed;
    }

    /** Records the batch; returns the completions accepted (the others were fenced out). */
    private List<Completion> finish(List<Completion> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<Completion> accepted = queue.finish(workerId, batch);
        metrics.finishTook(Duration.ofNanos(System.nanoTime() - start));
        accepted.forEach(metrics::finished);
        for (int i = accepted.size(); i < batch.size(); i++) {
            metrics.rejected();
        }
        return accepted;
    }

    private void start(ClaimedJob job) {
        // only the claim loop takes slots, and it saw this many free
        slots.acquireUninterruptibly();
        FutureTask<Void> task = new FutureTask<>(() -> run(job), null);
        running.put(job, task);
        runs.execute(task);
    }

    private void run(ClaimedJob job) {
        try {
            runner.run(job).ifPresent(finished::add);
        } catch (RuntimeException | Error e) {
            // without a heartbeat the lease expires and the scheduler takes the job back
            log.error("Running job {} failed unexpectedly; it will be taken back when its lease expires", job.id(), e);
            ended(job);
        }
    }

    private void recordFinishedRuns() throws InterruptedException {
        Completion first = finished.poll(FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        List<Completion> batch = new ArrayList<>();
        batch.add(first);
        finished.drainTo(batch, FINISH_BATCH - 1);
        record(batch);
    }

    private void record(List<Completion> batch) {
        try {
            List<Completion> accepted = finish(batch);
            if (accepted.size() < batch.size()) {
                batch.stream().filter(completion -> !accepted.contains(completion)).forEach(completion -> log.warn(
                        "The outcome of job {} (attempt {}) was refused: the job was taken back from this worker",
                        completion.job().id(), completion.job().attempt()));
            }
            batch.forEach(completion -> ended(completion.job()));
        } catch (DataAccessException e) {
            if (!isRefusal(e)) {
                // the database is out of reach: keep the runs (and their leases) and try again after a pause
                finished.addAll(batch);
                throw e;
            }
            if (batch.size() > 1) {
                // find the one the database refuses; each is put back if the database goes away meanwhile
                batch.forEach(completion -> BackgroundWork.guarded("finish", () -> record(List.of(completion))));
                return;
            }
            Completion refused = batch.getFirst();
            if (refused.status() == JobStatus.FAILED && refused.result() == null) {
                log.error("Job {} could not be recorded even as FAILED; its lease will expire and it will run again",
                        refused.job().id(), e);
                ended(refused.job());
            } else {
                log.error("The database refused the outcome of job {}; recording it as FAILED", refused.job().id(), e);
                record(List.of(Completion.failed(refused.job(),
                        "the outcome could not be stored: " + e.getMostSpecificCause().getMessage())));
            }
        }
    }

    /** The database understood and refused this data; trying the same again would fail the same way. */
    private static boolean isRefusal(DataAccessException e) {
        return e instanceof NonTransientDataAccessException && !(e instanceof NonTransientDataAccessResourceException)
                && !(e instanceof UncategorizedDataAccessException);
    }

    private void renewLeases() {
        List<ClaimedJob> held = List.copyOf(running.keySet());
        Set<Long> kept = queue.renew(held);
        for (ClaimedJob job : held) {
            FutureTask<?> task = running.get(job);
            // a run that is over is the finishing thread's: it records the outcome or finds it fenced out
            if (!kept.contains(job.id()) && task != null && !task.isDone()) {
                log.warn("Job {} (attempt {}) was taken back from this worker after its lease expired; "
                        + "its outcome will be discarded", job.id(), job.attempt());
                task.cancel(true);
                ended(job);
            }
        }
    }

    private void ended(ClaimedJob job) {
        if (running.remove(job) == null) {
            return;
        }
        slots.release();
        wakeup.signal();
        runsLock.lock();
        try {
            runEnded.signalAll();
        } finally {
            runsLock.unlock();
        }
    }

    /** Waits until no run of this dispatcher is in flight (recorded included); false if time ran out. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        runsLock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!running.isEmpty() && nanos > 0) {
                nanos = runEnded.awaitNanos(nanos);
            }
            return running.isEmpty();
        } finally {
            runsLock.unlock();
        }
    }

    private void shutdown() {
        BackgroundWork.Task claiming;
        List<BackgroundWork.Task> threads;
        synchronized (this) {
            claiming = claimLoop;
            threads = upkeep;
            claimLoop = null;
            upkeep = List.of();
        }
        if (claiming == null) {
            return;
        }
        claiming.stop();
        wakeup.signal();
        claiming.close();
        try {
            if (!awaitIdle(properties.shutdownTimeout())) {
                giveBackUnfinishedRuns();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveBackUnfinishedRuns();
        } finally {
            looping = false;
            threads.forEach(BackgroundWork.Task::close);
            log.info("Dispatcher {} stopped", workerId);
        }
    }

    private void giveBackUnfinishedRuns() {
        running.values().forEach(task -> task.cancel(true));
        List<Completion> pending = new ArrayList<>();
        finished.drainTo(pending);
        if (!pending.isEmpty()) {
            BackgroundWork.guarded("finish at shutdown", () -> record(pending));
        }
        List<ClaimedJob> unfinished = List.copyOf(running.keySet());
        BackgroundWork.guarded("release at shutdown", () -> {
            int released = queue.release(workerId, unfinished);
            metrics.released(released);
            log.info("Gave {} unfinished jobs back to the queue", released);
        });
        unfinished.forEach(this::ended);
    }

    /**
     * One due pass on the calling thread, for a dispatcher that is not started: claims up to
     * {@code concurrency} due jobs, runs them one after the other and records how each ended.
     *
     * @return the jobs it claimed, best first
     */
    List<ClaimedJob> runDueJobs() {
        List<ClaimedJob> claimed = claim(properties.concurrency());
        List<Completion> completions = new ArrayList<>();
        for (ClaimedJob job : claimed) {
            runner.run(job).ifPresent(completions::add);
        }
        finish(completions);
        return claimed;
    }
}

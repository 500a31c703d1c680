package br.agendador.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.dispatch.LookupOutcome.NotFound;
import br.agendador.dispatch.LookupOutcome.PermanentFailure;
import br.agendador.dispatch.LookupOutcome.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed job: looks the company up (outside any transaction, with a time limit) and
 * decides how the run ends. An exception or a lookup that does not answer in time is a transient
 * failure; transient failures retry with backoff until the run has used {@code max-attempts}.
 */
final class JobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final CompanyLookup lookup;
    /** Bound to the snapshot's type once, rather than resolved again for every result. */
    private final ObjectWriter snapshots;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final DispatchMetrics metrics;
    private final ExecutorService lookups = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dispatch-lookup-", 0).factory());

    JobRunner(CompanyLookup lookup, JsonMapper json, Backoff backoff, int maxAttempts, Duration timeout,
            DispatchMetrics metrics) {
        this.lookup = lookup;
        this.snapshots = json.writerFor(CompanySnapshot.class);
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** How the run ended, or empty when this thread was interrupted (the job is being given back). */
    Optional<Completion> run(ClaimedJob job) {
        long start = System.nanoTime();
        Future<LookupOutcome> call = lookups.submit(() -> lookup.lookup(job.cnpj()));
        LookupOutcome outcome;
        try {
            outcome = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (outcome == null) {
                outcome = new TransientFailure("the lookup answered nothing", null);
            }
        } catch (TimeoutException e) {
            call.cancel(true);
            outcome = new TransientFailure("the lookup did not answer within " + readable(timeout), null);
        } catch (ExecutionException e) {
            log.warn("Looking up {} for job {} failed", job.cnpj(), job.id(), e.getCause());
            outcome = new TransientFailure("the lookup failed: " + e.getCause(), null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        metrics.lookedUp(outcome, Duration.ofNanos(System.nanoTime() - start));
        return Optional.of(complete(job, outcome));
    }

    Completion complete(ClaimedJob job, LookupOutcome outcome) {
        return switch (outcome) {
            case Found found -> succeeded(job, found.snapshot());
            case NotFound notFound -> Completion.notFound(job, notFound.source(), notFound.detail());
            case PermanentFailure failure -> Completion.failed(job, failure.error());
            case TransientFailure failure -> job.tries() >= maxAttempts
                    ? Completion.failed(job, "gave up after " + job.tries() + " tries: " + failure.error())
                    : Completion.retry(job, failure.error(), backoff.delay(job.tries(), failure.retryAfter()));
        };
    }

    private Completion succeeded(ClaimedJob job, CompanySnapshot snapshot) {
        try {
            return Completion.succeeded(job, snapshot.source(), snapshots.writeValueAsString(snapshot), snapshot.changes());
        } catch (JacksonException e) {
            // the same snapshot would fail the same way on every retry
            log.error("The snapshot of {} for job {} cannot be written as JSON", job.cnpj(), job.id(), e);
            return Completion.failed(job, "the company snapshot could not be stored: " + e.getOriginalMessage());
        }
    }

    private static String readable(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0 ? duration.toMinutes() + " min"
                : duration.toSeconds() + " s";
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}

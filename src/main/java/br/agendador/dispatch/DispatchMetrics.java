package br.agendador.dispatch;

import java.time.Duration;
import java.util.function.Supplier;

import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What the dispatcher counts and times, under {@code agendador.dispatch.*}. */
final class DispatchMetrics {

    private final MeterRegistry registry;
    private final Counter claimed;
    private final Counter succeeded;
    private final Counter notFound;
    private final Counter failed;
    private final Counter retried;
    private final Counter rejected;
    private final Counter expired;
    private final Counter released;
    private final Timer lateness;
    private final Timer claims;
    private final Timer finishes;
    private final Timer lookupsFound;
    private final Timer lookupsNotFound;
    private final Timer lookupsTransientFailure;
    private final Timer lookupsPermanentFailure;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.claimed = counter("claimed", "Jobs claimed to run");
        this.succeeded = counter("succeeded", "Jobs that found their company");
        this.notFound = counter("not.found", "Jobs whose CNPJ has no company");
        this.failed = counter("failed", "Jobs that ended FAILED (permanent error or retries exhausted)");
        this.retried = counter("retried", "Transient failures scheduled to run again");
        this.rejected = counter("rejected",
                "Finishes refused by fencing: the job had been recovered or released meanwhile");
        this.expired = counter("lease.expired", "Jobs taken back from a worker that stopped renewing its lease");
        this.released = counter("released", "Running jobs given back at shutdown");
        this.lateness = Timer.builder("agendador.dispatch.start.lateness")
                .description("How long after its scheduled time a job started (database clock)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        this.claims = Timer.builder("agendador.dispatch.claim")
                .description("How long one claim (a batch of jobs, fairness included) held the database")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.finishes = Timer.builder("agendador.dispatch.finish")
                .description("How long recording one batch of finished runs held the database")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        // registered once: looking a meter up by name and tags for every job was a measurable part of a run
        this.lookupsFound = lookupTimer("found");
        this.lookupsNotFound = lookupTimer("not-found");
        this.lookupsTransientFailure = lookupTimer("transient-failure");
        this.lookupsPermanentFailure = lookupTimer("permanent-failure");
    }

    private Timer lookupTimer(String outcome) {
        return Timer.builder("agendador.dispatch.lookup").description("How long lookups took, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder("agendador.dispatch.jobs." + name).description(description).register(registry);
    }

    void claimTook(Duration took) {
        claims.record(took);
    }

    void finishTook(Duration took) {
        finishes.record(took);
    }

    void claimed(ClaimedJob job) {
        claimed.increment();
        lateness.record(job.lateness());
    }

    void finished(Completion completion) {
        switch (completion.outcome()) {
            case SUCCEEDED -> succeeded.increment();
            case NOT_FOUND -> notFound.increment();
            case FAILED -> failed.increment();
            case RETRY -> retried.increment();
            case LEASE_EXPIRED, RELEASED -> throw new IllegalArgumentException(completion.outcome() + " is not a finish");
        }
    }

    void rejected() {
        rejected.increment();
    }

    void recovered(int requeued, int failed) {
        expired.increment(requeued + failed);
        this.failed.increment(failed);
    }

    void released(int count) {
        released.increment(count);
    }

    void lookedUp(LookupOutcome outcome, Duration took) {
        Timer timer = switch (outcome) {
            case LookupOutcome.Found found -> lookupsFound;
            case LookupOutcome.NotFound notFound -> lookupsNotFound;
            case LookupOutcome.TransientFailure failure -> lookupsTransientFailure;
            case LookupOutcome.PermanentFailure failure -> lookupsPermanentFailure;
        };
        timer.record(took);
    }

    void gauge(String name, String description, String unit, Supplier<Number> value) {
        Gauge.builder("agendador.dispatch." + name, value).description(description).baseUnit(unit).strongReference(true)
                .register(registry);
    }
}

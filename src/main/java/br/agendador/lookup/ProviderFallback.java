package br.agendador.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.dispatch.LookupOutcome.NotFound;
import br.agendador.dispatch.LookupOutcome.PermanentFailure;
import br.agendador.dispatch.LookupOutcome.TransientFailure;
import br.agendador.lookup.ProviderAnswer.Failed;
import br.agendador.lookup.ProviderAnswer.Missing;
import br.agendador.lookup.ProviderAnswer.Refused;
import br.agendador.lookup.ProviderAnswer.Throttled;
import br.agendador.lookup.ProviderState.Wait;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the providers in the configured order until one knows the company.
 *
 * <ul>
 *   <li>A provider is skipped, not failed, when it is disabled, cannot take an alphanumeric CNPJ,
 *       has an open circuit, has spent its cluster-wide rate budget, or asked us to pause.
 *   <li>Its failures (timeouts, 5xx, unreadable answers) and throttling fall through to the next.
 *   <li>"Not found" is trusted once {@code not-found-confirmations} independent datasets agree, or
 *       when no other one can be asked now. Most providers serve the Receita's monthly dump with a
 *       lag of weeks, so one of them not knowing a CNPJ may only mean the company is new; asking a
 *       second source costs one call for CNPJs that really do not exist and saves new companies
 *       from ending NOT_FOUND. BrasilAPI proxies minha-receita, so they count as one dataset.
 *   <li>When nobody could answer: a permanent failure if every provider asked refused the CNPJ as
 *       invalid (or none takes its format), otherwise a transient one, with the earliest moment a
 *       skipped provider becomes available again as {@code retryAfter}.
 * </ul>
 */
final class ProviderFallback {

    private static final Logger log = LoggerFactory.getLogger(ProviderFallback.class);

    private final List<ProviderClient> providers;
    private final ProviderState state;
    private final ProviderCircuits circuits;
    private final int confirmations;
    private final Duration throttlePause;
    private final MeterRegistry meters;
    private final Clock clock;

    ProviderFallback(List<ProviderClient> providers, ProviderState state, ProviderCircuits circuits,
            LookupProperties properties, MeterRegistry meters, Clock clock) {
        this.providers = List.copyOf(providers);
        this.state = state;
        this.circuits = circuits;
        this.confirmations = properties.notFoundConfirmations();
        this.throttlePause = properties.throttlePause();
        this.meters = meters;
        this.clock = clock;
    }

    LookupOutcome fetch(Cnpj cnpj) {
        Attempt attempt = new Attempt();
        for (ProviderClient provider : providers) {
            String name = provider.name();
            ProviderSettings settings = provider.settings();
            if (!settings.enabled()) {
                continue;
            }
            if (cnpj.isAlphanumeric() && !settings.alphanumeric()) {
                attempt.note(name, "does not take alphanumeric CNPJs");
                continue;
            }
            attempt.eligible++;
            if (attempt.missingDatasets.contains(provider.format().dataset())) {
                continue;
            }
            CircuitBreaker circuit = circuits.of(name);
            if (!circuit.tryAcquirePermission()) {
                attempt.unavailable(name, "circuit open after repeated failures", circuits.reopensAt(name));
                continue;
            }
            Optional<Wait> wait;
            try {
                wait = state.admit(name, settings.rateLimit());
            } catch (RuntimeException e) {
                circuit.releasePermission();
                throw e;
            }
            if (wait.isPresent()) {
                circuit.releasePermission();
                attempt.unavailable(name, wait.get().reason(), wait.get().until());
                continue;
            }
            attempt.asked++;
            long started = System.nanoTime();
            ProviderAnswer answer = ask(provider, cnpj);
            long took = System.nanoTime() - started;
            record(name, circuit, answer, took);
            switch (answer) {
                case ProviderAnswer.Found found -> {
                    return new Found(found.snapshot());
                }
                case Missing missing -> {
                    attempt.missing.add(name + ": " + missing.detail());
                    attempt.missingFrom.add(name);
                    attempt.missingDatasets.add(provider.format().dataset());
                    if (attempt.missingDatasets.size() >= confirmations) {
                        return notFound(cnpj, attempt);
                    }
                }
                case Refused refused -> {
                    attempt.refused++;
                    attempt.note(name, "refused the CNPJ: " + refused.detail());
                }
                case Throttled throttled -> {
                    Instant until = clock.instant().plus(throttled.retryAfter() != null ? throttled.retryAfter() : throttlePause);
                    state.throttled(name, until, throttled.detail());
                    log.info("Provider {} throttled us ({}): paused until {}", name, throttled.detail(), until);
                    attempt.unavailable(name, "throttled us (" + throttled.detail() + ")", until);
                }
                case Failed failed -> attempt.note(name, failed.detail());
            }
        }
        if (!attempt.missing.isEmpty()) {
            return notFound(cnpj, attempt);
        }
        if (attempt.eligible == 0) {
            return cnpj.isAlphanumeric()
                    ? new PermanentFailure("No enabled provider takes alphanumeric CNPJs yet (" + attempt.summary() + ")")
                    : new TransientFailure("No provider is enabled (agendador.lookup.<provider>.enabled)", null);
        }
        if (attempt.asked > 0 && attempt.refused == attempt.asked && attempt.asked == attempt.eligible) {
            return new PermanentFailure("Every provider refused CNPJ " + cnpj.formatted() + ": " + attempt.summary());
        }
        return new TransientFailure("No provider could answer: " + attempt.summary(), attempt.retryAfter(clock.instant()));
    }

    /** A provider's client answers every expected failure; anything else is its failure too, not the lookup's. */
    private static ProviderAnswer ask(ProviderClient provider, Cnpj cnpj) {
        try {
            return provider.fetch(cnpj);
        } catch (RuntimeException e) {
            log.warn("Provider {} broke on {}", provider.name(), cnpj, e);
            return new Failed("unexpected error: " + e);
        }
    }

    private LookupOutcome notFound(Cnpj cnpj, Attempt attempt) {
        return new NotFound(String.join(",", attempt.missingFrom),
                "CNPJ " + cnpj.formatted() + " not found (" + String.join("; ", attempt.missing) + ")");
    }

    /** Circuit, shared state and metrics learn how the call went. */
    private void record(String name, CircuitBreaker circuit, ProviderAnswer answer, long nanos) {
        switch (answer) {
            case ProviderAnswer.Found found -> {
                circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
                state.succeeded(name);
            }
            case Missing missing -> {
                circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
                state.succeeded(name);
            }
            case Refused refused -> {
                circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
                state.succeeded(name);
            }
            case Throttled throttled -> circuit.releasePermission();
            case Failed failed -> {
                circuit.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFailure(name + ": " + failed.detail()));
                state.failed(name, failed.detail());
                log.info("Provider {} failed: {}", name, failed.detail());
            }
        }
        Timer.builder("agendador.lookup.provider.calls")
                .description("Calls to CNPJ providers by how they were answered")
                .tag("provider", name)
                .tag("answer", answer.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What happened to one lookup across the providers. */
    private static final class Attempt {

        final List<String> notes = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        final List<String> missingFrom = new ArrayList<>();
        final Set<String> missingDatasets = new HashSet<>();
        @Nullable Instant earliest;
        int eligible;
        int asked;
        int refused;

        void note(String provider, String what) {
            notes.add(provider + ": " + what);
        }

        void unavailable(String provider, String why, @Nullable Instant until) {
            note(provider, why);
            if (until != null && (earliest == null || until.isBefore(earliest))) {
                earliest = until;
            }
        }

        String summary() {
            return notes.isEmpty() ? "nothing to try" : String.join("; ", notes);
        }

        @Nullable Duration retryAfter(Instant now) {
            return earliest == null ? null : earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ZERO;
        }
    }

    /** Why a provider's call counts as a failure for its circuit breaker. */
    static final class ProviderFailure extends RuntimeException {

        ProviderFailure(String message) {
            super(message, null, false, false);
        }
    }
}

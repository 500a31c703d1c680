package br.agendador.lookup;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import br.agendador.lookup.LookupProperties.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker per provider (Resilience4j), in this process: a provider failing most of its
 * recent calls is skipped for {@code open-for}, then a few trial calls decide whether it is back.
 * Throttling does not count as failing (the pause handles it), nor do "not found" answers. Every
 * transition is also written to {@code lookup_providers}, so the admin view shows the latest state
 * any process reported.
 */
@Component
class ProviderCircuits {

    private static final Logger log = LoggerFactory.getLogger(ProviderCircuits.class);

    private final Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();
    private final Map<String, Instant> reopening = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig config;
    private final CircuitBreakerSettings settings;
    private final ProviderState state;
    private final Clock clock;

    ProviderCircuits(LookupProperties properties, ProviderState state, Clock clock) {
        this.settings = properties.circuitBreaker();
        this.state = state;
        this.clock = clock;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindow(settings.window(), settings.minimumCalls(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // Opening again is decided when the next lookup asks, on the application clock.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
    }

    CircuitBreaker of(String provider) {
        return circuits.computeIfAbsent(provider, this::create);
    }

    /** When an open circuit lets trial calls through again; null unless open. */
    @Nullable Instant reopensAt(String provider) {
        return of(provider).getState() == CircuitBreaker.State.OPEN ? reopening.get(provider) : null;
    }

    private CircuitBreaker create(String provider) {
        CircuitBreaker circuit = CircuitBreaker.of(provider, config);
        circuit.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                reopening.put(provider, clock.instant().plus(settings.openFor()));
                log.warn("Provider {} fails too often: skipped until {}", provider, reopening.get(provider));
            } else {
                log.info("Provider {} circuit {}", provider, to);
            }
            state.circuitChanged(provider, to.name());
        });
        return circuit;
    }
}

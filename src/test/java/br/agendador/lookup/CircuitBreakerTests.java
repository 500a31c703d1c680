package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;

import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.lookup.LookupProperties.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.answerAll;
import static br.agendador.lookup.ProviderFakes.calls;
import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * A provider failing most of its calls is skipped for a while, then trial calls decide whether it
 * is back; on the application clock, so the test moves time instead of waiting.
 */
class CircuitBreakerTests extends LookupTestSupport {

    /** Opens when half of the last 4 calls failed; open for 30 s; one trial call. */
    private static final CircuitBreakerSettings CIRCUIT = new CircuitBreakerSettings(50, 4, 4, Duration.ofSeconds(30), 1);

    private TestLookup lookup;

    @BeforeEach
    void brasilApiFailsAndMinhaReceitaAnswers() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        answerAll("brasilapi", json(503, fixture("brasilapi/server-error.json")));
        answerAll("minhareceita", json(200, fixture("minhareceita/found.json")));
        lookup = lookup(TestLookup.settings().only("brasilapi", "minhareceita").cacheTtl(Duration.ZERO).circuit(CIRCUIT));
    }

    @Test
    void opensAfterRepeatedFailuresAndSkipsTheProvider() {
        for (int i = 0; i < 4; i++) {
            assertThat(lookup.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                    .extracting(found -> found.snapshot().source()).isEqualTo("minhareceita");
        }
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(state.all().get("brasilapi").circuitState()).isEqualTo("OPEN");

        lookup.lookup(PETROBRAS);
        lookup.lookup(PETROBRAS);

        assertThat(calls("brasilapi")).as("skipped while open").isEqualTo(4);
        assertThat(calls("minhareceita")).isEqualTo(6);
    }

    @Test
    void letsATrialCallThroughAfterTheOpenTimeAndClosesWhenItWorks() {
        openTheCircuit();
        clock.advance(Duration.ofSeconds(29));
        lookup.lookup(PETROBRAS);
        assertThat(calls("brasilapi")).isEqualTo(4);

        clock.advance(Duration.ofSeconds(2));
        answerAll("brasilapi", json(200, fixture("brasilapi/found.json")));
        assertThat(lookup.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("brasilapi");
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(state.all().get("brasilapi").circuitState()).isEqualTo("CLOSED");

        lookup.lookup(PETROBRAS);
        assertThat(calls("brasilapi")).isEqualTo(6);
    }

    @Test
    void opensAgainWhenTheTrialCallFails() {
        openTheCircuit();
        clock.advance(Duration.ofSeconds(31));
        lookup.lookup(PETROBRAS);
        assertThat(calls("brasilapi")).as("the trial call").isEqualTo(5);
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        lookup.lookup(PETROBRAS);
        assertThat(calls("brasilapi")).isEqualTo(5);
    }

    @Test
    void notFoundAnswersAreNotFailures() {
        answerAll("brasilapi", json(404, fixture("brasilapi/not-found.json")));
        for (int i = 0; i < 6; i++) {
            lookup.lookup(PETROBRAS);
        }
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls("brasilapi")).isEqualTo(6);
    }

    private void openTheCircuit() {
        for (int i = 0; i < 4; i++) {
            lookup.lookup(PETROBRAS);
        }
        assertThat(circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private CircuitBreaker circuit() {
        return lookup.circuits().of("brasilapi");
    }
}

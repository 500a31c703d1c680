package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.dispatch.LookupOutcome.TransientFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static br.agendador.lookup.ProviderFakes.calls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three workers, each its own "process" (own HTTP clients, circuits, in-process state), share one
 * provider limited to 5 calls a minute. Time is the application clock, moved 20 s per round, so two
 * simulated minutes take a second; the calls are counted where they land, at the fake.
 */
class RateLimitTests extends LookupTestSupport {

    private static final int LIMIT = 5;
    private static final int WORKERS = 3;
    private static final int LOOKUPS_PER_WORKER_PER_ROUND = 4;
    private static final Duration ROUND = Duration.ofSeconds(20);

    private final ExecutorService threads = Executors.newFixedThreadPool(WORKERS);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void threeWorkersTogetherNeverExceedTheProvidersLimitInAnyMinute() throws Exception {
        Instant start = Instant.parse("2026-11-25T13:00:00Z");
        clock.set(start);
        TestLookup.Settings settings = TestLookup.settings().only("cnpjws").rateLimit("cnpjws", LIMIT);
        List<TestLookup> workers = List.of(lookup(settings), lookup(settings), lookup(settings));
        int rounds = 7;
        int companies = rounds * WORKERS * LOOKUPS_PER_WORKER_PER_ROUND;
        for (int i = 0; i < companies; i++) {
            knows("cnpjws", company(i + 1));
        }

        List<Integer> callsPerRound = new ArrayList<>();
        List<LookupOutcome> refused = new ArrayList<>();
        int next = 1;
        for (int round = 0; round < rounds; round++) {
            int before = calls("cnpjws");
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<List<LookupOutcome>>> running = new ArrayList<>();
            for (TestLookup worker : workers) {
                List<Cnpj> batch = new ArrayList<>();
                for (int i = 0; i < LOOKUPS_PER_WORKER_PER_ROUND; i++) {
                    batch.add(company(next++));
                }
                running.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return batch.stream().map(worker::lookup).toList();
                }, threads));
            }
            go.countDown();
            for (CompletableFuture<List<LookupOutcome>> work : running) {
                work.get().stream().filter(outcome -> !(outcome instanceof Found)).forEach(refused::add);
            }
            callsPerRound.add(calls("cnpjws") - before);
            clock.advance(ROUND);
        }

        // Rounds are 20 s apart, so any three in a row fall within one minute.
        for (int first = 0; first + 2 < rounds; first++) {
            int inOneMinute = callsPerRound.get(first) + callsPerRound.get(first + 1) + callsPerRound.get(first + 2);
            assertThat(inOneMinute).as("calls at the fake in the minute from round %d: %s", first, callsPerRound)
                    .isLessThanOrEqualTo(LIMIT);
        }
        assertThat(callsPerRound).as("the whole budget is used as soon as it is back (one minute and one second)")
                .containsExactly(5, 0, 0, 0, 5, 0, 0);
        assertThat(refused).hasSize(companies - 10).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOf(TransientFailure.class)
                .extracting(failure -> ((TransientFailure) failure).error()).asString()
                .contains("cnpjws: rate limit of 5/min spent"));
        assertThat(((TransientFailure) refused.getFirst()).retryAfter()).as("when the oldest call leaves the window")
                .isEqualTo(Duration.ofSeconds(61));
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

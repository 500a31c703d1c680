package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import br.agendador.dispatch.LookupOutcome;
import br.agendador.dispatch.LookupOutcome.Found;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

/** A fresh snapshot is reused; lookups of one company at the same time, in one process or several, make one call. */
class CacheAndCoalescingTests extends LookupTestSupport {

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void reusesASnapshotFetchedWithinTheCacheTtl() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        ProviderFakes.found("brasilapi", PETROBRAS);
        TestLookup lookup = lookup(TestLookup.settings().cacheTtl(Duration.ofHours(24)));

        Found first = (Found) lookup.lookup(PETROBRAS);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        Found reused = (Found) lookup.lookup(PETROBRAS);

        assertThat(reused.snapshot()).isEqualTo(first.snapshot());
        assertThat(reused.snapshot().fetchedAt()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(calls("brasilapi")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(lookup.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().fetchedAt()).isEqualTo(Instant.parse("2026-11-26T13:00:01Z"));
        assertThat(calls("brasilapi")).isEqualTo(2);
    }

    @Test
    void concurrentLookupsInOneProcessShareOneCall() {
        ProviderFakes.slow("brasilapi", PETROBRAS, Duration.ofSeconds(3));
        TestLookup lookup = lookup(TestLookup.settings().cacheTtl(Duration.ZERO));

        CompletableFuture<LookupOutcome> first = CompletableFuture.supplyAsync(() -> lookup.lookup(PETROBRAS), workers);
        await().until(() -> calls("brasilapi") == 1);
        List<CompletableFuture<LookupOutcome>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            others.add(CompletableFuture.supplyAsync(() -> lookup.lookup(PETROBRAS), workers));
        }

        LookupOutcome outcome = first.join();
        assertThat(outcome).isInstanceOf(Found.class);
        others.forEach(other -> assertThat(other.join()).isSameAs(outcome));
        assertThat(calls("brasilapi")).as("no cache at all: only coalescing spared these calls").isEqualTo(1);
    }

    @Test
    void aProcessWaitsForTheSnapshotAnotherProcessIsFetching() {
        ProviderFakes.slow("brasilapi", PETROBRAS, Duration.ofSeconds(2));
        TestLookup.Settings settings = TestLookup.settings();
        TestLookup oneProcess = lookup(settings);
        TestLookup anotherProcess = lookup(settings);

        CompletableFuture<LookupOutcome> fetching = CompletableFuture.supplyAsync(() -> oneProcess.lookup(PETROBRAS), workers);
        await().until(() -> calls("brasilapi") == 1);
        LookupOutcome waited = anotherProcess.lookup(PETROBRAS);

        assertThat(waited).isEqualTo(fetching.join());
        assertThat(calls("brasilapi")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM company_fetches").query(Long.class).single()).as("lease released").isZero();
    }

    @Test
    void takesOverTheLeaseOfAProcessThatDiedFetching() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        leases.tryTake(PETROBRAS, "4242:dead", clock.instant().minusSeconds(120), clock.instant().minusSeconds(1));
        ProviderFakes.found("brasilapi", PETROBRAS);

        assertThat(lookup(TestLookup.settings()).lookup(PETROBRAS)).isInstanceOf(Found.class);
        assertThat(calls("brasilapi")).isEqualTo(1);
    }

    @Test
    void aFailedLookupIsNotCached() {
        ProviderFakes.answer("brasilapi", PETROBRAS, ProviderFakes.json(500, "{\"message\": \"boom\"}"));
        TestLookup lookup = lookup(TestLookup.settings().only("brasilapi"));
        lookup.lookup(PETROBRAS);
        ProviderFakes.found("brasilapi", PETROBRAS);
        assertThat(lookup.lookup(PETROBRAS)).isInstanceOf(Found.class);
        assertThat(calls("brasilapi")).isEqualTo(2);
    }
}

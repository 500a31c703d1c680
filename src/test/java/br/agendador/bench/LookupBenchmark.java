package br.agendador.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.support.FakeProviders;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a lookup costs the worker that calls it, apart from the provider's own time: the fake
 * answers at once, so the figures are our overhead (HTTP client, budget and lease bookkeeping,
 * change detection, storing the snapshot) and the cost of answering from the cache.
 *
 * <p>{@code ./mvnw -B verify -Pbenchmarks -Dtest=LookupBenchmark}; figures in
 * {@code target/benchmarks/lookup.txt}.
 */
@IntegrationTest
class LookupBenchmark {

    private static final int THREADS = 8;
    private static final int COMPANIES = 4_000;

    @Autowired
    CompanyLookup lookup;
    @Autowired
    JdbcClient jdbc;

    private final List<String> report = new ArrayList<>();

    @BeforeEach
    void fakeProvidersKnowEveryCompany() throws IOException {
        forget();
        String body;
        try (InputStream in = getClass().getResourceAsStream("/providers/minhareceita/found.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("33000167000101", "{{request.pathSegments.[1]}}");
        }
        FakeProviders.server().stubFor(get(urlPathMatching("/brasilapi/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template")));
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM company_snapshots").update();
        jdbc.sql("DELETE FROM company_fetches").update();
        jdbc.sql("DELETE FROM lookup_providers").update();
        FakeProviders.server().resetAll();
    }

    @Test
    void measuresFetchedAndCachedLookups() throws Exception {
        List<Cnpj> companies = new ArrayList<>();
        for (int i = 1; companies.size() < COMPANIES; i++) {
            companies.add(company(i));
        }
        run("warm-up (not counted)", companies.subList(0, 200));
        jdbc.sql("DELETE FROM company_snapshots").update();

        run("fetched from the provider (fake answers at once), stored, compared", companies);
        run("answered from the cache", companies);

        Path out = Path.of("target", "benchmarks", "lookup.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    private void run(String what, List<Cnpj> companies) throws Exception {
        long[] nanos = new long[companies.size()];
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                done.add(workers.submit(() -> {
                    for (int i = first; i < companies.size(); i += THREADS) {
                        long start = System.nanoTime();
                        LookupOutcome outcome = lookup.lookup(companies.get(i));
                        nanos[i] = System.nanoTime() - start;
                        assertThat(outcome).isInstanceOf(LookupOutcome.Found.class);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(nanos);
        report.add(String.format(Locale.ROOT, "%-70s %6d lookups, %d threads: %8.0f/s, p50 %6.2f ms, p99 %6.2f ms", what,
                companies.size(), THREADS, companies.size() / seconds, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6));
    }

    private static Cnpj company(int number) {
        String base = String.format("%08d0001", number);
        for (int digits = 0; digits < 100; digits++) {
            if (Cnpj.isValid(base + String.format("%02d", digits))) {
                return Cnpj.parse(base + String.format("%02d", digits));
            }
        }
        throw new IllegalStateException(base);
    }
}

package br.agendador.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import br.agendador.jobs.JobScheduled;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 10,000-row CSV bulk import over HTTP, the whole request timed (parse, check, dedupe query,
 * one multi-row insert, 10,000 JobScheduled events into the publication registry, commit).
 * One {@code @ApplicationModuleListener} of JobScheduled is registered, as the notification or
 * RabbitMQ modules will be, so every event costs a registry row, as it will in production.
 * Goal: under 2 s per request.
 */
@IntegrationTest
@Import(BulkCreateBenchmark.CountingListener.class)
class BulkCreateBenchmark {

    static final int ROWS = 10_000;
    static final int WARM_UP = 2;
    static final int RUNS = 6;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired(required = false)
    CountingListener listener;

    @Test
    void importsTenThousandRows() {
        BenchmarkReport report = new BenchmarkReport("bulk-create");
        report.line("BulkCreateBenchmark: %d-row CSV per POST /api/v1/jobs/bulk, %d warm-up + %d measured runs,"
                + " one JobScheduled listener, %d CPUs", ROWS, WARM_UP, RUNS, Runtime.getRuntime().availableProcessors());
        List<Double> times = new ArrayList<>();
        long base = 10_000_000;
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            Session user = api.newUser();
            String csv = csv(base + (long) run * ROWS);
            long started = System.nanoTime();
            Response response = api.send("POST", "/api/v1/jobs/bulk", csv, "text/csv", user.accessToken(), Map.of());
            double millis = (System.nanoTime() - started) / 1e6;
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.json().get("created").asInt()).isEqualTo(ROWS);
            int expected = (run + 1) * ROWS;
            // Let the listeners of this run finish before the next, so each run starts from the same quiet state.
            await().atMost(5, TimeUnit.MINUTES).until(() -> listener.seen() >= expected);
            report.line("  run %d%s: %.0f ms (%d KB body)", run + 1, run < WARM_UP ? " (warm-up)" : "", millis,
                    csv.length() / 1024);
            if (run >= WARM_UP) {
                times.add(millis);
            }
        }
        double[] samples = times.stream().mapToDouble(Double::doubleValue).toArray();
        report.line("bulk 10,000 rows: median %.0f ms, best %.0f ms, worst %.0f ms (goal < 2000 ms)",
                BenchmarkReport.percentile(samples, 50), BenchmarkReport.percentile(samples, 0),
                BenchmarkReport.percentile(samples, 100));
        Long publications = jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single();
        report.line("event publications recorded: %d", publications);
        report.write();
    }

    private static String csv(long start) {
        StringBuilder csv = new StringBuilder("cnpj,scheduledAt,priority,label\n");
        int i = 0;
        for (String cnpj : Cnpjs.numbered(start, ROWS)) {
            csv.append(cnpj, 0, 2).append('.').append(cnpj, 2, 5).append('.').append(cnpj, 5, 8).append('/')
                    .append(cnpj, 8, 12).append('-').append(cnpj, 12, 14)
                    .append(",2099-12-01T09:30:00-03:00,").append(1 + i % 5).append(",Cliente ").append(i).append('\n');
            i++;
        }
        return csv.toString();
    }

    /** Stands for the modules that will listen to JobScheduled (notifications, RabbitMQ). */
    static class CountingListener {

        private final AtomicInteger seen = new AtomicInteger();

        @ApplicationModuleListener
        void on(JobScheduled event) {
            seen.incrementAndGet();
        }

        int seen() {
            return seen.get();
        }
    }
}

package br.agendador.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.Broker;
import br.agendador.support.BrokerIntegrationTest;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 10,000-row CSV bulk import over HTTP with RabbitMQ configured, the whole request timed (parse,
 * check, dedupe query, one multi-row insert, the event publication, commit); then the time until
 * the broker holds a {@code job.scheduled} message for each job, in a queue of the benchmark's own.
 * Goal: under 2 s per request. Skipped, saying so, when no broker answers.
 */
@BrokerIntegrationTest
class BulkCreateBenchmark {

    /** The exchange the app publishes to (README, "Events"). */
    static final String EXCHANGE = "agendador.events";
    static final int ROWS = 10_000;
    static final int WARM_UP = 2;
    static final int RUNS = 6;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void importsTenThousandRows() throws Exception {
        BenchmarkReport report = new BenchmarkReport("bulk-create");
        report.line("BulkCreateBenchmark: %d-row CSV per POST /api/v1/jobs/bulk, %d warm-up + %d measured runs,"
                + " RabbitMQ configured, %d CPUs", ROWS, WARM_UP, RUNS, Runtime.getRuntime().availableProcessors());
        List<Double> times = new ArrayList<>();
        List<Double> delivered = new ArrayList<>();
        try (Connection connection = Broker.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, EXCHANGE, "job.scheduled");
            long base = 10_000_000;
            for (int run = 0; run < WARM_UP + RUNS; run++) {
                Session user = api.newUser();
                String csv = csv(base + (long) run * ROWS);
                long started = System.nanoTime();
                Response response = api.send("POST", "/api/v1/jobs/bulk", csv, "text/csv", user.accessToken(), Map.of());
                double millis = (System.nanoTime() - started) / 1e6;
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                assertThat(response.json().get("created").asInt()).isEqualTo(ROWS);
                // Let the broker take this run's messages before the next, so each run starts from the same quiet state.
                await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(20))
                        .until(() -> channel.messageCount(queue) >= ROWS);
                double sent = (System.nanoTime() - started) / 1e6;
                channel.queuePurge(queue);
                report.line("  run %d%s: %.0f ms (%d KB body); all %,d messages on the broker after %.0f ms", run + 1,
                        run < WARM_UP ? " (warm-up)" : "", millis, csv.length() / 1024, ROWS, sent);
                if (run >= WARM_UP) {
                    times.add(millis);
                    delivered.add(sent);
                }
            }
        }
        double[] samples = times.stream().mapToDouble(Double::doubleValue).toArray();
        report.line("bulk 10,000 rows: median %.0f ms, best %.0f ms, worst %.0f ms (goal < 2000 ms)",
                BenchmarkReport.percentile(samples, 50), BenchmarkReport.percentile(samples, 0),
                BenchmarkReport.percentile(samples, 100));
        report.line("every job.scheduled message on the broker: median %.0f ms after the POST began",
                BenchmarkReport.percentile(delivered.stream().mapToDouble(Double::doubleValue).toArray(), 50));
        Long publications = jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%JobsScheduled'")
                .query(Long.class).single();
        report.line("JobsScheduled publications in the registry: %d (this benchmark made %d imports;"
                + " other classes sharing the context may add theirs)", publications, WARM_UP + RUNS);
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
}

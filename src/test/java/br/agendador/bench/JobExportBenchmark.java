package br.agendador.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import br.agendador.dispatch.JobFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/exports/jobs.csv} and {@code .xlsx} of 100,000 jobs over HTTP: time to the
 * last byte, size, and the peak heap of the JVM while it runs (every heap pool's peak, reset
 * before; the whole test JVM, so an upper bound for the export itself).
 */
@IntegrationTest
class JobExportBenchmark {

    static final int JOBS = 100_000;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void exportsAHundredThousandJobs() throws Exception {
        BenchmarkReport report = new BenchmarkReport("job-export");
        report.line("JobExportBenchmark: %,d jobs of one user, streamed over HTTP; %d CPUs, max heap %,d MB", JOBS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Session ana = api.newUser();
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, label, scheduled_at, created_at, updated_at, attempt,
                                  retry_base)
                SELECT ?, c.cnpj, 'SCHEDULED', 1 + c.n % 5, 'Fornecedor ' || c.n, now() + c.n * interval '1 minute',
                       now(), now(), 0, 0
                  FROM unnest(?::text[]) WITH ORDINALITY AS c (cnpj, n)""")
                .params(ana.userId(), IntStream.rangeClosed(1, JOBS).mapToObj(n -> JobFixtures.cnpj(n).value())
                        .toArray(String[]::new))
                .update();
        for (String format : List.of("csv", "xlsx", "csv", "xlsx")) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(api.baseUrl() + "/api/v1/exports/jobs." + format))
                    .header("Authorization", "Bearer " + ana.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(file.statusCode()).isEqualTo(200);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            report.line("  %-4s %,9d rows in %5.2f s = %,8.0f rows/s, %,6d KB, peak heap of the JVM %,d MB "
                    + "(the file itself is held by the test's HTTP client)", format, JOBS, seconds, JOBS / seconds,
                    file.body().length >> 10, peak >> 20);
        }
        report.write();
    }
}

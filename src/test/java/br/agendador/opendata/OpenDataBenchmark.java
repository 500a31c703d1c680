package br.agendador.opendata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.agendador.AgendadorApplication;
import br.agendador.bench.BenchmarkReport;
import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.LocalRegister;
import br.agendador.platform.database.EmbeddedDatabase;
import br.agendador.platform.database.EmbeddedDatabaseProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports a generated dump at scale (default 5 M establishments, 4 M companies, 2 M partners,
 * 3 M Simples records: {@code -Dbench.scale=0.1} for a tenth) with the product's own command line
 * in a JVM of its own capped at {@code -Xmx512m}, into an embedded PostgreSQL with the product's
 * settings (durable: fsync and synchronous commit on), then measures lookups from the loaded
 * tables. Figures in {@code target/benchmarks/open-data.txt}.
 *
 * <p>{@code ./mvnw -B verify -Pbenchmarks -Dtest=OpenDataBenchmark}
 */
class OpenDataBenchmark {

    /** The full dump, for the projection (Receita, late 2026). */
    private static final long FULL_ESTABLISHMENTS = 65_000_000;
    private static final long FULL_ROWS = 200_000_000;
    private static final int LOOKUPS = 20_000;
    /** {@code -Dbench.statements=true}: where the database's time went during the bulk, by statement. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");
    private static final Pattern PEAK_HEAP = Pattern.compile("peak heap (\\d+) MB");

    @Test
    void importsAndLooksUp() throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        int establishments = (int) (5_000_000 * scale);
        int companies = (int) (4_000_000 * scale);
        int partners = (int) (2_000_000 * scale);
        int simples = (int) (3_000_000 * scale);
        YearMonth month = YearMonth.of(2026, 11);
        BenchmarkReport report = new BenchmarkReport("open-data");
        report.line("OpenDataBenchmark: %,d establishments, %,d companies, %,d partners, %,d Simples; %d CPUs",
                establishments, companies, partners, simples, Runtime.getRuntime().availableProcessors());

        long generating = System.nanoTime();
        Path dump = SyntheticDump.at(Path.of("target", "open-data-dumps"), month, establishments, companies, partners, simples);
        long zipped = 0;
        try (var files = Files.list(dump)) {
            for (Path file : files.toList()) {
                zipped += Files.size(file);
            }
        }
        report.line("dump: %s, %,d MB zipped (generated or reused in %.0f s)", dump, zipped / 1024 / 1024,
                (System.nanoTime() - generating) / 1e9);

        Path dataDir = Path.of("target", "bench-open-data", "postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.startEmpty(
                new EmbeddedDatabaseProperties(dataDir, 0, true, Duration.ofSeconds(120)),
                STATEMENTS ? Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all")
                        : Map.of())) {
            Command imported = importWithTheCommandLine(database, dump);
            report.line("command line: exit %d in %.1f s (JVM start and migrations included); %s", imported.exit(),
                    imported.seconds(), imported.summary());
            assertThat(imported.exit()).as(imported.output()).isZero();

            try (HikariDataSource pool = pool(database)) {
                JdbcClient jdbc = JdbcClient.create(pool);
                figures(report, jdbc, establishments);
                lookups(report, jdbc, establishments, companies);
                bulk(report, database, jdbc, establishments, companies);
            }
        }
        report.write();
    }

    private void figures(BenchmarkReport report, JdbcClient jdbc, int establishments) {
        Map<String, Object> run = jdbc.sql("""
                SELECT extract(epoch FROM finished_at - started_at)::float8 AS seconds, rows FROM open_data_imports
                 WHERE status = 'SUCCEEDED'""").query().singleRow();
        long rows = (Long) run.get("rows");
        double seconds = (Double) run.get("seconds");
        report.line("import: %,d rows in %.1f s = %,.0f rows/s overall (goal >= 200,000), keys, indexes and swap included",
                rows, seconds, rows / seconds);
        for (DumpKind kind : List.of(DumpKind.ESTABELECIMENTOS, DumpKind.EMPRESAS, DumpKind.SOCIOS, DumpKind.SIMPLES)) {
            Map<String, Object> files = jdbc.sql("""
                    SELECT sum(rows) AS rows, extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
                      FROM open_data_import_files WHERE name = ANY (?)""").param(kind.fileNames().toArray(String[]::new))
                    .query().singleRow();
            double loading = (Double) files.get("seconds");
            long kindRows = ((Number) files.get("rows")).longValue();
            report.line("  %-16s %,11d rows loaded in %6.1f s = %,9.0f rows/s (its lane, the other lane loading alongside)",
                    kind.table(), kindRows, loading, kindRows / loading);
        }
        long bytes = jdbc.sql("""
                SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'opendata' AND c.relkind = 'r'""").query(Long.class).single();
        double perMillion = bytes / (establishments / 1e6);
        report.line("database: %,d MB for the dump (tables and indexes) = %,.0f MB per million establishments", bytes >> 20,
                perMillion / 1024 / 1024);
        report.line("projection for the full dump (~%,d M rows, ~%,d M establishments): %.1f min at this rate (goal < 20),"
                + " %.1f GB on disk (goal <= 40)", FULL_ROWS / 1_000_000, FULL_ESTABLISHMENTS / 1_000_000,
                FULL_ROWS / (rows / seconds) / 60, perMillion * FULL_ESTABLISHMENTS / 1e6 / 1024 / 1024 / 1024);
    }

    private void lookups(BenchmarkReport report, JdbcClient jdbc, int establishments, int companies) {
        DumpRegister register = new DumpRegister(jdbc, new ImportRecords(jdbc), JsonMapper.builder().build());
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            register.find(new Cnpj(SyntheticDump.cnpj(random.nextInt(establishments), companies)));
        }
        double[] millis = new double[LOOKUPS];
        int found = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            Cnpj cnpj = new Cnpj(SyntheticDump.cnpj(random.nextInt(establishments), companies));
            long started = System.nanoTime();
            LocalRegister.Answer answer = register.find(cnpj);
            millis[i] = (System.nanoTime() - started) / 1e6;
            found += answer instanceof LocalRegister.Found ? 1 : 0;
        }
        assertThat(found).isEqualTo(LOOKUPS);
        report.line("lookup from dadosabertos (one statement: establishment, company, Simples, partners, descriptions),"
                + " %,d random CNPJs: p50 %.2f ms, p99 %.2f ms, max %.1f ms (goal p99 < 5 ms)", LOOKUPS,
                BenchmarkReport.percentile(millis, 50), BenchmarkReport.percentile(millis, 99),
                BenchmarkReport.percentile(millis, 100));
    }

    /**
     * Item 5: the whole app at its default settings (dispatcher, 8 at a time, in-app mailbox) on
     * the loaded database, a 10,000-row CSV posted to {@code /api/v1/jobs/bulk}, timed until every
     * job has SUCCEEDED and until the import's summary e-mail is written. The remote providers point
     * at a closed port: any lookup not answered locally would fail.
     */
    private void bulk(BenchmarkReport report, EmbeddedDatabase database, JdbcClient jdbc, int establishments, int companies)
            throws Exception {
        int rows = 10_000;
        List<String> closedProviders = new ArrayList<>();
        for (String provider : List.of("brasilapi", "minhareceita", "opencnpj", "cnpjws", "cnpja", "receitaws")) {
            closedProviders.add("--agendador.lookup." + provider + ".base-url=http://127.0.0.1:9/" + provider);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(), "--spring.datasource.password=",
                "--logging.level.root=WARN"));
        args.addAll(closedProviders);
        try (var app = new org.springframework.boot.builder.SpringApplicationBuilder(AgendadorApplication.class)
                .run(args.toArray(String[]::new))) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
            var http = java.net.http.HttpClient.newHttpClient();
            String email = "bulk-" + System.nanoTime() + "@example.com";
            post(http, base + "/api/v1/auth/register", "application/json",
                    "{\"name\":\"Bulk\",\"email\":\"" + email + "\",\"password\":\"Str0ng-Passw0rd!\"}", null);
            String token = JsonMapper.builder().build().readTree(post(http, base + "/api/v1/auth/login", "application/json",
                    "{\"email\":\"" + email + "\",\"password\":\"Str0ng-Passw0rd!\"}", null)).get("accessToken").asString();
            long user = jdbc.sql("SELECT id FROM users WHERE email = ?").param(email).query(Long.class).single();
            StringBuilder csv = new StringBuilder("cnpj\n");
            Random random = new Random(11);
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            while (chosen.size() < rows) {
                chosen.add(random.nextInt(establishments));
            }
            chosen.forEach(index -> csv.append(SyntheticDump.cnpj(index, companies)).append('\n'));

            if (STATEMENTS) {
                jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
                jdbc.sql("SELECT pg_stat_statements_reset()").query().singleRow();
            }
            long started = System.nanoTime();
            String created = post(http, base + "/api/v1/jobs/bulk", "text/csv", csv.toString(), token);
            double posted = (System.nanoTime() - started) / 1e9;
            assertThat(created).contains("\"created\":" + rows);
            double succeeded = waitFor(started, () -> jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SUCCEEDED'")
                    .param(user).query(Long.class).single() >= rows);
            double mailed = waitFor(started, () -> jdbc.sql("""
                            SELECT count(*) FROM mail_outbox WHERE user_id = ? AND message_key LIKE 'bulk:%:finished'""")
                    .param(user).query(Long.class).single() >= 1);
            long mails = jdbc.sql("SELECT count(*) FROM mail_outbox WHERE user_id = ?").param(user).query(Long.class)
                    .single();
            long local = jdbc.sql("""
                    SELECT count(*) FROM jobs WHERE user_id = ? AND result ->> 'source' = 'dadosabertos'""")
                    .param(user).query(Long.class).single();
            report.line("bulk of %,d CNPJs from the dump at default settings: POST answered in %.2f s, all SUCCEEDED %.1f s after"
                    + " the POST (goal < 10 s), its summary e-mail written after %.1f s (%d e-mails in all); %,d answered"
                    + " by dadosabertos", rows, posted, succeeded, mailed, mails, local);
            if (STATEMENTS) {
                jdbc.sql("""
                        SELECT calls, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
                          FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25""")
                        .query((rs, row) -> report.line("  %8.0f ms %7d calls  %.140s", rs.getDouble("total_exec_time"),
                                rs.getLong("calls"), rs.getString("query")))
                        .list();
            }
        }
    }

    private static double waitFor(long since, java.util.concurrent.Callable<Boolean> done) {
        // a count over the user's jobs costs the database a few ms: often enough to time to a
        // quarter of a second, rarely enough not to slow down what it times
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(done);
        return (System.nanoTime() - since) / 1e9;
    }

    private static String post(java.net.http.HttpClient http, String url, String type, String body, String token)
            throws IOException, InterruptedException {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", type)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private Command importWithTheCommandLine(EmbeddedDatabase database, Path dump) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AgendadorApplication.class.getName(), OpenDataCommand.NAME, dump.toAbsolutePath().toString(),
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password="));
        Path log = Path.of("target", "benchmarks", "open-data-import.log");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String summary = output.lines().filter(line -> line.startsWith("Import ")).findFirst().orElse("(no summary)");
        Matcher peak = PEAK_HEAP.matcher(summary);
        return new Command(process.exitValue(), seconds, summary + (peak.find() ? " (JVM capped at 512 MB)" : ""), output);
    }

    private static HikariDataSource pool(EmbeddedDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.username());
        pool.setMaximumPoolSize(4);
        return pool;
    }

    private record Command(int exit, double seconds, String summary, String output) {
    }
}

package br.agendador.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import br.agendador.AgendadorApplication;
import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.platform.database.EmbeddedDatabase;
import br.agendador.platform.database.EmbeddedDatabaseProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the dispatcher runs jobs, on its own embedded PostgreSQL 18, with a lookup that
 * answers at once (every job ends SUCCEEDED with a small snapshot stored as its result, and every
 * attempt is recorded):
 * <ul>
 * <li>throughput for 50,000 due jobs, all of one user and spread over 100 users;</li>
 * <li>start lateness (started - scheduled, database clock) at a steady 200 jobs per second, for
 * jobs created ahead (the timer wakes the worker) and for jobs created as they fall due (a
 * notification wakes it), with the count of early starts;</li>
 * <li>what fairness costs per claim with 10 million rows in the jobs table.</li>
 * </ul>
 * Before measuring, {@code -Dbench.warm-up-jobs} (50,000; 0 for none) jobs run unmeasured; each
 * throughput is measured {@code -Dbench.passes} (3) times and the median reported.
 * Settings: {@code -Dbench.concurrency} (512: with a lookup that takes no time, the jobs in flight
 * only set how many a claim and a finish take at once; the default of 8 is for real lookups that
 * take seconds. With 100 users, {@code max-running-per-user} = 2 allows 200 in flight at most), {@code -Dbench.durable} (false: fsync off, as the
 * reference figures), {@code -Dbench.history-rows} (10,000,000; 0 skips the last part),
 * {@code -Dbench.mails} (true: every job's "started" and "finished" e-mails are rendered and
 * stored as in production; false leaves the mail listener out, to measure the dispatcher alone),
 * {@code -Dbench.ddl} (statements separated by {@code ;} run once the schema is there, for what-ifs
 * such as {@code "DROP INDEX jobs_user_status_scheduled_idx"}), {@code -Dbench.statements} (false: true loads
 * pg_stat_statements and prints where the database's time went in each throughput run).
 *
 * <p>Run with {@code ./mvnw -B verify -Pbenchmarks -Dtest=DispatchBenchmark}; figures go to
 * {@code target/benchmarks/dispatch.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatchBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 512);
    private static final boolean DURABLE = Boolean.getBoolean("bench.durable");
    static final boolean MAILS = Boolean.parseBoolean(System.getProperty("bench.mails", "true"));
    private static final long HISTORY_ROWS = Long.getLong("bench.history-rows", 10_000_000L);
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");
    private static final int WARM_UP_JOBS = Integer.getInteger("bench.warm-up-jobs", 50_000);
    private static final int PASSES = Integer.getInteger("bench.passes", 3);
    private static final int JOBS = 50_000;
    private static final int RATE = 200;
    private static final Duration STEADY_FOR = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private static EmbeddedDatabase database;
    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Path dir = Path.of("target", "benchmarks", "dispatch-postgres").toAbsolutePath();
        Files.createDirectories(dir.getParent());
        database = EmbeddedDatabase.startEmpty(new EmbeddedDatabaseProperties(dir, 0, DURABLE, Duration.ofMinutes(2)),
                STATEMENTS ? Map.of("max_connections", "100", "shared_preload_libraries", "pg_stat_statements",
                        "pg_stat_statements.track", "all", "pg_stat_statements.track_planning", "on")
                        : Map.of("max_connections", "100"));
        app = new SpringApplicationBuilder(AgendadorApplication.class, NoOpLookup.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("excludeTestBeans",
                        new ExcludeTestConfigurations()))
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--agendador.roles=worker,scheduler",
                        "--agendador.dispatch.concurrency=" + CONCURRENCY,
                        "--agendador.dispatch.pool-size=4");
        jdbc = app.getBean(JdbcClient.class);
        if (STATEMENTS) {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
        }
        for (String ddl : System.getProperty("bench.ddl", "").split(";")) {
            if (!ddl.isBlank()) {
                app.getBean(JdbcTemplate.class).execute(ddl);
            }
        }
        line("Dispatch benchmark — %s, %d CPUs, PostgreSQL %s (%s), concurrency %d, dispatcher pool 4",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                jdbc.sql("SHOW server_version").query(String.class).single(),
                DURABLE ? "fsync on" : "fsync off, synchronous_commit off", CONCURRENCY);
        line("Job e-mails: %s", MAILS ? "rendered and stored for every job (2 per job), as in production"
                : "listener left out (the dispatcher alone)");
        line("Machine load at start: %s", loadAverage());
        if (WARM_UP_JOBS > 0) {
            // A fresh JVM spends its first seconds compiling the dispatcher (the JIT compiler alone
            // took a quarter of this machine's CPU during a cold run), which is not what a running
            // service pays per job.
            insertDueJobs(freshUsers(1), WARM_UP_JOBS);
            Duration took = awaitDrained(WARM_UP_JOBS);
            line("Warm-up: %,d jobs run first and not measured, so that the JIT has compiled the dispatcher (%.1f s)",
                    WARM_UP_JOBS, took.toNanos() / 1e9);
        }
        line("");
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
        Path file = Path.of("target", "benchmarks", "dispatch.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, report);
    }

    @Test
    @Order(1)
    void throughputForOneUser() {
        repeatedThroughput(1);
    }

    @Test
    @Order(2)
    void throughputForHundredUsers() {
        repeatedThroughput(100);
    }

    /** The machine is shared and a single pass varies by ±10%: several passes, and their median. */
    private void repeatedThroughput(int users) {
        List<Double> rates = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            rates.add(throughput(users));
        }
        List<Double> sorted = rates.stream().sorted().toList();
        line("  => %d user%s: median %,.0f jobs/s of %d passes (%s)", users, users == 1 ? "" : "s",
                sorted.get(sorted.size() / 2), PASSES,
                String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList()));
        line("");
    }

    @Test
    @Order(3)
    void latenessOfJobsCreatedAhead() {
        for (int users : new int[] {1, 100}) {
            List<Long> owners = freshUsers(users);
            jdbc.sql("""
                    INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                    SELECT (?::bigint[])[1 + g % ?], ?, 'SCHEDULED', 3,
                           now() + interval '3 seconds' + g * ? * interval '1 microsecond', now(), now()
                      FROM generate_series(0, ? - 1) AS g""")
                    .params(ids(owners), users, Cnpj.parse("11222333000181").value(), 1_000_000 / RATE,
                            RATE * STEADY_FOR.toSeconds())
                    .update();
            awaitFinished(RATE * STEADY_FOR.toSeconds());
            lateness("created ahead (timer), %d user%s".formatted(users, users == 1 ? "" : "s"));
        }
    }

    @Test
    @Order(4)
    void latenessOfJobsCreatedAsTheyFallDue() throws Exception {
        List<Long> owners = freshUsers(100);
        long total = RATE * STEADY_FOR.toSeconds();
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        long[] created = {0};
        producer.scheduleAtFixedRate(() -> {
            if (created[0] < total) {
                jdbc.sql("""
                        INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                        VALUES (?, '11222333000181', 'SCHEDULED', 3, now(), now(), now())""")
                        .param(owners.get((int) (created[0] % owners.size()))).update();
                created[0]++;
            }
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        try {
            awaitFinished(total);
        } finally {
            producer.shutdownNow();
        }
        lateness("created as they fall due (notification), 100 users, one insert per transaction");
    }

    @Test
    @Order(5)
    void fairnessCostWithTenMillionRows() {
        if (HISTORY_ROWS <= 0) {
            return;
        }
        List<Long> owners = freshUsers(10_000);
        long started = System.nanoTime();
        long chunk = 1_000_000;
        for (long from = 0; from < HISTORY_ROWS; from += chunk) {
            jdbc.sql("""
                    INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at,
                                      started_at, finished_at, attempt)
                    SELECT (?::bigint[])[1 + g % 10000], '11222333000181', 'SUCCEEDED', 1 + g % 5,
                           now() - interval '400 days' + g * interval '3 seconds', now(), now(), now(), now(), 1
                      FROM generate_series(?, ?) AS g""")
                    .params(ids(owners), from, Math.min(from + chunk, HISTORY_ROWS) - 1).update();
        }
        jdbc.sql("VACUUM ANALYZE jobs").update();
        line("Fairness cost per claim with %,d finished jobs of 10,000 users in the table (loaded in %d s)",
                HISTORY_ROWS, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        claimCost("1 user with 20,000 due jobs", owners.subList(0, 1), 20_000, 0);
        claimCost("100 users with 200 due jobs each", owners.subList(0, 100), 200, 0);
        claimCost("1,000 users with 20 due jobs each", owners.subList(0, 1_000), 20, 0);
        claimCost("1 user with 20,000 due jobs, 10,000 users with a future job each", owners.subList(0, 1), 20_000,
                10_000);
        line("");
    }

    private void claimCost(String scenario, List<Long> users, int perUser, int futureUsers) {
        jdbc.sql("DELETE FROM job_attempts").update();
        jdbc.sql("DELETE FROM jobs WHERE status = 'SCHEDULED'").update();
        if (futureUsers > 0) {
            jdbc.sql("""
                    INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                    SELECT u.id, '11222333000181', 'SCHEDULED', 3, now() + interval '1 day', now(), now()
                      FROM users u ORDER BY u.id LIMIT ?""").param(futureUsers).update();
        }
        Timer claims = app.getBean(MeterRegistry.class).get("agendador.dispatch.claim").timer();
        long countBefore = claims.count();
        double timeBefore = claims.totalTime(TimeUnit.MILLISECONDS);
        long total = (long) users.size() * perUser;
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                SELECT u, '11222333000181', 'SCHEDULED', 3, now() - interval '1 minute' + g * interval '1 ms', now(), now()
                  FROM unnest(?::bigint[]) AS u, generate_series(1, ?) AS g""")
                .params(ids(users), perUser).update();
        Duration took = awaitDrained(total);
        long claimCount = claims.count() - countBefore;
        line("  %-70s %6.2f ms per claim, %5.1f jobs per claim, %,7.0f jobs/s", scenario,
                (claims.totalTime(TimeUnit.MILLISECONDS) - timeBefore) / claimCount, (double) total / claimCount,
                total / (took.toNanos() / 1e9));
    }

    /** One pass of {@code JOBS} due jobs; returns jobs per second. */
    private double throughput(int users) {
        List<Long> owners = freshUsers(users);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        Timer claims = meters.get("agendador.dispatch.claim").timer();
        Timer finishes = meters.get("agendador.dispatch.finish").timer();
        long claimsBefore = claims.count();
        double claimTimeBefore = claims.totalTime(TimeUnit.MILLISECONDS);
        long finishesBefore = finishes.count();
        double finishTimeBefore = finishes.totalTime(TimeUnit.MILLISECONDS);
        Map<String, Object> tableBefore = tableStatistics();
        if (STATEMENTS) {
            jdbc.sql("SELECT pg_stat_statements_reset()").query().singleRow();
        }
        insertDueJobs(owners, JOBS);
        double wall = awaitDrained(JOBS).toNanos() / 1e9;
        Map<String, Object> run = jdbc.sql("""
                SELECT count(*) AS attempts, count(DISTINCT job_id) AS jobs,
                       count(*) FILTER (WHERE outcome = 'SUCCEEDED') AS succeeded,
                       extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
                  FROM job_attempts""").query().singleRow();
        assertThat(((Number) run.get("attempts")).longValue()).isEqualTo(JOBS);
        assertThat(((Number) run.get("jobs")).longValue()).isEqualTo(JOBS);
        assertThat(((Number) run.get("succeeded")).longValue()).isEqualTo(JOBS);
        double seconds = ((Number) run.get("seconds")).doubleValue();
        long claimCount = claims.count() - claimsBefore;
        long finishCount = finishes.count() - finishesBefore;
        Map<String, Object> tableAfter = tableStatistics();
        line("Throughput, %,d due jobs of %d user%s (priorities 1-5), each run once with its attempt recorded%s:", JOBS,
                users, users == 1 ? "" : "s", users == 1 ? "" : " (fair shares: at most "
                        + Math.min(CONCURRENCY, maxRunningPerUser() * users) + " in flight)");
        line("  %,.0f jobs/s (first start to last finish %.2f s on the database clock; %.2f s wall clock)",
                JOBS / seconds, seconds, wall);
        line("  %,d claims of %.1f jobs, %.2f ms each; %,d finishes of %.1f jobs, %.2f ms each", claimCount,
                (double) JOBS / claimCount, (claims.totalTime(TimeUnit.MILLISECONDS) - claimTimeBefore) / claimCount,
                finishCount, (double) JOBS / finishCount,
                (finishes.totalTime(TimeUnit.MILLISECONDS) - finishTimeBefore) / finishCount);
        line("  jobs table: %,d row updates (%,d of them HOT), %s dead row versions left for vacuum; machine load: %s",
                delta(tableBefore, tableAfter, "n_tup_upd"), delta(tableBefore, tableAfter, "n_tup_hot_upd"),
                tableAfter.get("n_dead_tup"), loadAverage());
        if (STATEMENTS) {
            statements();
        }
        return JOBS / seconds;
    }

    /** Where the database's time went, statement by statement (triggers' statements included). */
    private static void statements() {
        jdbc.sql("""
                SELECT calls, rows, total_exec_time, total_plan_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
                  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12""").query((rs, row) -> {
            line("  %8.0f ms exec %6.0f ms plan %6d calls %8d rows  %.150s", rs.getDouble("total_exec_time"),
                    rs.getDouble("total_plan_time"), rs.getLong("calls"), rs.getLong("rows"), rs.getString("query"));
            return row;
        }).list();
    }

    /** {@code count} due jobs spread over {@code owners}, priorities 1 to 5, one millisecond apart. */
    private static void insertDueJobs(List<Long> owners, int count) {
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                SELECT (?::bigint[])[1 + g % ?], '11222333000181', 'SCHEDULED', 1 + g % 5,
                       now() - interval '1 hour' + g * interval '1 ms', now(), now()
                  FROM generate_series(0, ? - 1) AS g""")
                .params(ids(owners), owners.size(), count).update();
    }

    private static int maxRunningPerUser() {
        return app.getEnvironment().getProperty("agendador.dispatch.max-running-per-user", Integer.class, 2);
    }

    private static Map<String, Object> tableStatistics() {
        // statistics reach the view when each session reports them; give them a moment
        await().pollDelay(Duration.ofMillis(1_500)).until(() -> true);
        return jdbc.sql("""
                SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'jobs'""")
                .query().singleRow();
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String column) {
        return ((Number) after.get(column)).longValue() - ((Number) before.get(column)).longValue();
    }

    private void lateness(String scenario) {
        Map<String, Object> stats = jdbc.sql("""
                SELECT count(*) AS jobs,
                       count(*) FILTER (WHERE started_at < scheduled_at) AS early,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_at))
                           * 1000 AS p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_at))
                           * 1000 AS p99,
                       max(extract(epoch FROM started_at - scheduled_at)) * 1000 AS max
                  FROM jobs""").query().singleRow();
        line("Start lateness at a steady %d jobs/s for %d s, %s:", RATE, STEADY_FOR.toSeconds(), scenario);
        line("  p50 %.1f ms, p99 %.1f ms, max %.1f ms, %s early starts of %s jobs; machine load: %s",
                ((Number) stats.get("p50")).doubleValue(), ((Number) stats.get("p99")).doubleValue(),
                ((Number) stats.get("max")).doubleValue(), stats.get("early"), stats.get("jobs"), loadAverage());
        line("");
        assertThat(((Number) stats.get("early")).longValue()).isZero();
    }

    /** Empties the queue and returns {@code count} new users. */
    private static List<Long> freshUsers(int count) {
        jdbc.sql("TRUNCATE jobs, job_attempts CASCADE").update();
        return jdbc.sql("""
                INSERT INTO users (email, name, password_hash, time_zone, created_at, updated_at)
                SELECT 'bench-' || gen_random_uuid() || '@example.com', 'Bench', 'x', 'America/Sao_Paulo', now(), now()
                  FROM generate_series(1, ?)
                RETURNING id""").param(count).query(Long.class).list();
    }

    /** Waits until {@code jobs} jobs have ended (the table holds no others). */
    private static void awaitFinished(long jobs) {
        await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> jdbc
                .sql("SELECT count(*) FROM jobs WHERE finished_at IS NOT NULL").query(Long.class).single() >= jobs);
    }

    /**
     * Waits until {@code jobs} more jobs have succeeded and then checks that none is due or
     * running; returns how long. It watches the dispatcher's own counter rather than querying the
     * table, so that the waiting costs the database nothing while it is being measured.
     */
    private static Duration awaitDrained(long jobs) {
        long started = System.nanoTime();
        Counter succeeded = app.getBean(MeterRegistry.class).get("agendador.dispatch.jobs.succeeded").counter();
        double target = succeeded.count() + jobs;
        await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> succeeded.count() >= target);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(jdbc.sql("""
                SELECT (SELECT count(*) FROM jobs WHERE status = 'SCHEDULED' AND scheduled_at <= now())
                     + (SELECT count(*) FROM jobs WHERE status = 'RUNNING')""").query(Long.class).single()).isZero();
        return took;
    }

    private static long[] ids(List<Long> users) {
        return users.stream().mapToLong(Long::longValue).toArray();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.add(text);
    }

    /** Answers at once: the company exists. Primary: it stands in for the lookup module's providers. */
    static class NoOpLookup {

        @Bean
        @Primary
        CompanyLookup noOpLookup() {
            return cnpj -> new LookupOutcome.Found(new CompanySnapshot(cnpj.value(), "Empresa Ltda", null,
                    RegistrationStatus.ATIVA, null, null, null, null, null, List.of(), null, null, null, null, null,
                    null, null, List.of(), List.of(), "bench", null, Instant.EPOCH, List.of()));
        }
    }

    /** The application as deployed: test configurations on the class path stay out (and the job mails if asked). */
    static class ExcludeTestConfigurations extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName())
                    || (!MAILS && reader.getClassMetadata().getClassName().equals("br.agendador.notifications.JobMails"));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeTestConfigurations;
        }

        @Override
        public int hashCode() {
            return ExcludeTestConfigurations.class.hashCode();
        }
    }
}

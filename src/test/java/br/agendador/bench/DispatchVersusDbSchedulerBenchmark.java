package br.agendador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import br.agendador.AgendadorApplication;
import br.agendador.platform.database.EmbeddedDatabase;
import br.agendador.platform.database.EmbeddedDatabaseProperties;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our dispatcher at the settings it ships with against db-scheduler 16.7.1 with 8 threads, on the
 * same embedded PostgreSQL in the same run. Both run {@code -Dbench.jobs} (50,000) jobs that are
 * all due, with work that takes no time: ours a lookup that answers at once (each job still ends
 * SUCCEEDED with its snapshot stored, its attempt recorded and, as shipped, its two e-mails
 * rendered and stored; {@code -Dbench.mails=false} leaves the e-mail listener out, which is the
 * like-for-like comparison), theirs a one-time task that returns. Passes alternate (ours, theirs,
 * ours...) so that a change in the machine's load touches both; {@code -Dbench.passes} (3) of
 * each, medians compared.
 *
 * <p>db-scheduler is set up the way its README recommends for throughput on PostgreSQL: the
 * lock-and-fetch polling strategy, and the default fetch-on-execute is measured too; the faster
 * of the two is the reference. Only the benchmarks profile compiles this class (db-scheduler is
 * a dependency of that profile alone).
 *
 * <p>Run with {@code ./mvnw -B verify -Pbenchmarks -Dtest=DispatchVersusDbSchedulerBenchmark};
 * figures go to {@code target/benchmarks/dispatch-versus-db-scheduler.txt}.
 */
class DispatchVersusDbSchedulerBenchmark {

    private static final int JOBS = Integer.getInteger("bench.jobs", 50_000);
    private static final int PASSES = Integer.getInteger("bench.passes", 3);
    private static final int THEIR_THREADS = 8;
    private static final boolean DURABLE = Boolean.getBoolean("bench.durable");
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private static final BenchmarkReport report = new BenchmarkReport("dispatch-versus-db-scheduler");
    private static EmbeddedDatabase database;
    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;
    private static HikariDataSource theirPool;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "benchmarks", "versus-postgres").toAbsolutePath();
        Files.createDirectories(dir.getParent());
        database = EmbeddedDatabase.startEmpty(new EmbeddedDatabaseProperties(dir, 0, DURABLE, Duration.ofMinutes(2)),
                Map.of("max_connections", "100"));
        // The application as shipped: no dispatch setting given, so every one is its default.
        app = new SpringApplicationBuilder(AgendadorApplication.class, DispatchBenchmark.NoOpLookup.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("excludeTestBeans",
                        new DispatchBenchmark.ExcludeTestConfigurations()))
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
        jdbc = app.getBean(JdbcClient.class);
        jdbc.sql("""
                CREATE TABLE scheduled_tasks (
                    task_name            text                     NOT NULL,
                    task_instance        text                     NOT NULL,
                    task_data            bytea,
                    execution_time       timestamp with time zone NOT NULL,
                    picked               boolean                  NOT NULL,
                    picked_by            text,
                    last_success         timestamp with time zone,
                    last_failure         timestamp with time zone,
                    consecutive_failures int,
                    last_heartbeat       timestamp with time zone,
                    version              bigint                   NOT NULL,
                    priority             smallint,
                    PRIMARY KEY (task_name, task_instance))""").update();
        jdbc.sql("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)").update();
        jdbc.sql("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)").update();
        jdbc.sql("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)").update();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.username());
        pool.setMaximumPoolSize(THEIR_THREADS + 4);
        theirPool = new HikariDataSource(pool);

        var environment = app.getEnvironment();
        report.line("Dispatch at the shipped defaults against db-scheduler 16.7.1 — %s, %d CPUs, PostgreSQL %s (%s)",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                jdbc.sql("SHOW server_version").query(String.class).single(),
                DURABLE ? "fsync on" : "fsync off, synchronous_commit off");
        report.line("Ours: concurrency %s, dispatcher pool %s, max-running-per-user %s (defaults); %s",
                environment.getProperty("agendador.dispatch.concurrency", "256"),
                environment.getProperty("agendador.dispatch.pool-size", "4"),
                environment.getProperty("agendador.dispatch.max-running-per-user", "2"),
                DispatchBenchmark.MAILS ? "job e-mails rendered and stored, 2 per job, as shipped"
                        : "job e-mail listener left out (-Dbench.mails=false): like theirs, the run does no work of its own");
        report.line("Theirs: %d threads, pool of %d connections, one-time tasks that return at once", THEIR_THREADS,
                THEIR_THREADS + 4);
        // Both warm up once, unmeasured: a cold JVM spends its first seconds compiling.
        ours(1);
        theirs(true);
        theirs(false);
        report.line("");
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        if (theirPool != null) {
            theirPool.close();
        }
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
        report.write();
    }

    @Test
    void oursAtTheDefaultsAgainstTheirsAtEightThreads() {
        for (int users : new int[] {1, 100}) {
            List<Double> ours = new ArrayList<>();
            List<Double> lockAndFetch = new ArrayList<>();
            List<Double> fetch = new ArrayList<>();
            for (int pass = 0; pass < PASSES; pass++) {
                ours.add(ours(users));
                lockAndFetch.add(theirs(true));
                fetch.add(theirs(false));
            }
            double our = median(ours);
            double their = Math.max(median(lockAndFetch), median(fetch));
            report.line("%d user%s, %,d jobs:", users, users == 1 ? "" : "s", JOBS);
            report.line("  ours at the defaults          median %,7.0f jobs/s (%s)", our, list(ours));
            report.line("  db-scheduler, lock-and-fetch  median %,7.0f jobs/s (%s)", median(lockAndFetch), list(lockAndFetch));
            report.line("  db-scheduler, fetch (default) median %,7.0f jobs/s (%s)", median(fetch), list(fetch));
            report.line("  => ours / db-scheduler's best: %.2f×", our / their);
            report.line("");
        }
    }

    /** One pass of our dispatcher; jobs per second from first start to last finish. */
    private static double ours(int users) {
        jdbc.sql("TRUNCATE jobs, job_attempts CASCADE").update();
        List<Long> owners = jdbc.sql("""
                INSERT INTO users (email, name, password_hash, time_zone, created_at, updated_at)
                SELECT 'bench-' || gen_random_uuid() || '@example.com', 'Bench', 'x', 'America/Sao_Paulo', now(), now()
                  FROM generate_series(1, ?)
                RETURNING id""").param(users).query(Long.class).list();
        Counter succeeded = app.getBean(MeterRegistry.class).get("agendador.dispatch.jobs.succeeded").counter();
        double target = succeeded.count() + JOBS;
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                SELECT (?::bigint[])[1 + g % ?], '11222333000181', 'SCHEDULED', 1 + g % 5,
                       now() - interval '1 hour' + g * interval '1 ms', now(), now()
                  FROM generate_series(0, ? - 1) AS g""")
                .params(owners.stream().mapToLong(Long::longValue).toArray(), users, JOBS).update();
        await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> succeeded.count() >= target);
        Map<String, Object> run = jdbc.sql("""
                SELECT count(*) AS attempts, count(*) FILTER (WHERE outcome = 'SUCCEEDED') AS succeeded,
                       extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
                  FROM job_attempts""").query().singleRow();
        assertThat(((Number) run.get("attempts")).longValue()).isEqualTo(JOBS);
        assertThat(((Number) run.get("succeeded")).longValue()).isEqualTo(JOBS);
        return JOBS / ((Number) run.get("seconds")).doubleValue();
    }

    /** One pass of db-scheduler; jobs per second from its start to the last task's completion. */
    private static double theirs(boolean lockAndFetch) {
        AtomicLong executed = new AtomicLong();
        OneTimeTask<Void> task = Tasks.oneTime("bench").execute((instance, context) -> executed.incrementAndGet());
        jdbc.sql("""
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                SELECT 'bench', 'job-' || g, now() - interval '1 hour' + g * interval '1 ms', false, 1, 1 + g % 5
                  FROM generate_series(0, ? - 1) AS g""").param(JOBS).update();
        var builder = Scheduler.create(theirPool, task).threads(THEIR_THREADS)
                .pollingInterval(Duration.ofSeconds(10))
                .heartbeatInterval(Duration.ofSeconds(15));
        if (lockAndFetch) {
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        Scheduler scheduler = builder.build();
        long started = System.nanoTime();
        scheduler.start();
        try {
            await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> executed.get() >= JOBS);
            // Executed is counted inside the task; done is when its row is gone (the completion).
            await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() ->
                    jdbc.sql("SELECT count(*) FROM scheduled_tasks").query(Long.class).single() == 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(executed.get()).isEqualTo(JOBS);
            return JOBS / seconds;
        } finally {
            scheduler.stop();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }
}

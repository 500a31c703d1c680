package br.agendador.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import br.agendador.AgendadorApplication;
import br.agendador.cnpj.Cnpj;
import br.agendador.support.IntegrationTestConfiguration;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.postgresql.Driver;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three dispatchers (each a Spring context of its own, worker and scheduler roles) on one
 * PostgreSQL run 10,000 jobs of 10 users: every job runs exactly once and none is lost.
 */
class ClusterTests {

    private static final int DISPATCHERS = 3;
    private static final int USERS = 10;
    private static final int JOBS_PER_USER = 1_000;
    private static final int FIRST_CNPJ = 700_000;

    private final List<ConfigurableApplicationContext> dispatchers = new ArrayList<>();

    @AfterEach
    void stopDispatchers() {
        dispatchers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void threeDispatchersRunTenThousandJobsEachExactlyOnce() {
        String url = TestDatabase.jdbcUrl();
        // Other test classes leave jobs in the shared database; the dispatchers must find only ours.
        JobFixtures fixtures = new JobFixtures(new SimpleDriverDataSource(new Driver(), url, "postgres", ""));
        boolean migrated = fixtures.jdbc().sql("SELECT to_regclass('jobs') IS NOT NULL").query(Boolean.class).single();
        if (migrated) {
            fixtures.clearQueue();
        }
        for (int i = 0; i < DISPATCHERS; i++) {
            // arguments, as a deployment would pass them: they win over application.yml
            dispatchers.add(new SpringApplicationBuilder(AgendadorApplication.class, IntegrationTestConfiguration.class)
                    .run("--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=",
                            "--spring.datasource.hikari.maximum-pool-size=3",
                            "--server.port=0",
                            "--spring.main.banner-mode=off",
                            "--agendador.roles=worker,scheduler",
                            "--agendador.dispatch.lease=30s",
                            "--agendador.dispatch.heartbeat=2s"));
        }
        List<Cnpj> cnpjs = new ArrayList<>();
        for (int i = 0; i < USERS * JOBS_PER_USER; i++) {
            cnpjs.add(JobFixtures.cnpj(FIRST_CNPJ + i));
        }
        List<ScriptedCompanyLookup> lookups = dispatchers.stream()
                .map(context -> context.getBean(ScriptedCompanyLookup.class)).toList();
        lookups.forEach(lookup -> cnpjs.forEach(cnpj -> lookup.script(cnpj, ScriptedCompanyLookup.found())));

        List<Long> jobs = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            jobs.addAll(fixtures.dueJobs(fixtures.user(), JOBS_PER_USER, FIRST_CNPJ + user * JOBS_PER_USER,
                    Duration.ofSeconds(1)));
        }
        long[] ids = jobs.stream().mapToLong(Long::longValue).toArray();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> fixtures.jdbc()
                .sql("SELECT count(*) FROM jobs WHERE id = ANY(?) AND status = 'SUCCEEDED'").param(ids)
                .query(Long.class).single() == jobs.size());

        Map<String, Long> outcomes = fixtures.jdbc().sql("""
                        SELECT outcome, count(*) AS n FROM job_attempts WHERE job_id = ANY(?) GROUP BY outcome""")
                .param(ids).query((rs, row) -> Map.entry(rs.getString("outcome"), rs.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> others = fixtures.jdbc().sql("""
                        SELECT a.job_id || ' #' || a.attempt || ' ' || a.outcome || ' on ' || a.worker_id || ' from '
                               || a.started_at || ' to ' || a.finished_at || ': ' || coalesce(a.error, '')
                          FROM job_attempts a WHERE a.job_id = ANY(?) AND a.outcome <> 'SUCCEEDED'
                         ORDER BY a.started_at LIMIT 20""").param(ids).query(String.class).list();
        assertThat(outcomes).as("one attempt per job, all succeeded; others: %s", others)
                .containsExactly(Map.entry("SUCCEEDED", 10_000L));
        assertThat(fixtures.jdbc().sql("SELECT count(DISTINCT job_id) FROM job_attempts WHERE job_id = ANY(?)")
                .param(ids).query(Long.class).single()).isEqualTo(10_000);
        assertThat(fixtures.jdbc().sql("SELECT count(*) FROM jobs WHERE id = ANY(?) AND attempt <> 1").param(ids)
                .query(Long.class).single()).isZero();

        Map<Cnpj, Integer> calls = new HashMap<>();
        lookups.forEach(lookup -> lookup.allCalls().forEach((cnpj, count) -> calls.merge(cnpj, count, Integer::sum)));
        assertThat(calls).hasSize(10_000);
        assertThat(calls.values()).as("each lookup made once, across all dispatchers").allMatch(count -> count == 1);

        Map<String, Long> perWorker = fixtures.jdbc().sql("""
                        SELECT worker_id, count(*) AS n FROM job_attempts WHERE job_id = ANY(?) GROUP BY worker_id""")
                .param(ids).query((rs, row) -> Map.entry(rs.getString("worker_id"), rs.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(perWorker).as("every dispatcher took part: " + perWorker).hasSize(DISPATCHERS);
    }
}

package br.agendador.bench;

import java.util.Map;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/jobs/actions} over 100,000 jobs of one user, over HTTP, each action timed
 * from request to answer: retry 100,000 FAILED jobs, move them, give them a priority, cancel them
 * (the test context's dispatcher does not run, so nothing else changes them meanwhile).
 */
@IntegrationTest
class JobActionsBenchmark {

    static final int JOBS = 100_000;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void actsOnAHundredThousandJobs() {
        BenchmarkReport report = new BenchmarkReport("job-actions");
        report.line("JobActionsBenchmark: %,d jobs of one user, each action over HTTP; %d CPUs", JOBS,
                Runtime.getRuntime().availableProcessors());
        Session ana = api.newUser();
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at, finished_at,
                                  attempt, retry_base, last_error)
                SELECT ?, lpad(n::text, 14, '0'), 'FAILED', 3, now(), now(), now(), now(), 1, 0, 'timeout'
                  FROM generate_series(1, ?) n""").params(ana.userId(), JOBS).update();

        act(report, ana, Map.of("action", "retry", "dryRun", true), "retry (dry run: counting only)");
        act(report, ana, Map.of("action", "retry"), "retry every FAILED job");
        act(report, ana, Map.of("action", "reschedule", "scheduledAt", "2099-06-01T09:00:00-03:00"), "reschedule them");
        act(report, ana, Map.of("action", "priority", "priority", 5), "give them priority 5");
        act(report, ana, Map.of("action", "cancel"), "cancel them");
        assertThat(jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'CANCELED'").param(ana.userId())
                .query(Long.class).single()).isEqualTo(JOBS);
        report.write();
    }

    private void act(BenchmarkReport report, Session user, Map<String, ?> body, String what) {
        long started = System.nanoTime();
        Response response = api.post("/api/v1/jobs/actions", body, user.accessToken());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("changed").asLong()).isEqualTo(JOBS);
        report.line("  %-36s %,9d jobs in %5.2f s = %,8.0f jobs/s", what, JOBS, seconds, JOBS / seconds);
    }
}

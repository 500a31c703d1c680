package br.agendador.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import br.agendador.support.JobRows;
import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static br.agendador.dispatch.JobFixtures.cnpj;
import static org.assertj.core.api.Assertions.assertThat;

/** What operators see: counters, the lateness timer, queue gauges, and the health of leases. */
@IntegrationTest
class ObservabilityTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    MeterRegistry registry;
    @Autowired
    Supervisor statistics;
    @Autowired
    Api api;

    JobFixtures fixtures;
    long user;

    @BeforeEach
    void setUp() {
        fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        user = fixtures.user();
    }

    @AfterEach
    void cleanUp() {
        fixtures.clearQueue();
    }

    @Test
    void countsAndTimesTheRuns() {
        double claimed = count("agendador.dispatch.jobs.claimed");
        double succeeded = count("agendador.dispatch.jobs.succeeded");
        double failed = count("agendador.dispatch.jobs.failed");
        long timed = registry.get("agendador.dispatch.start.lateness").timer().count();
        fixtures.job(user, cnpj(1)).dueIn(Duration.ofSeconds(-30)).insert();
        fixtures.job(user, cnpj(2)).insert();
        lookup.script(cnpj(1), ScriptedCompanyLookup.found());
        lookup.script(cnpj(2), ScriptedCompanyLookup.permanentFailure("no"));

        dispatch.runDueJobs();

        assertThat(count("agendador.dispatch.jobs.claimed")).isEqualTo(claimed + 2);
        assertThat(count("agendador.dispatch.jobs.succeeded")).isEqualTo(succeeded + 1);
        assertThat(count("agendador.dispatch.jobs.failed")).isEqualTo(failed + 1);
        assertThat(registry.get("agendador.dispatch.start.lateness").timer().count()).isEqualTo(timed + 2);
        assertThat(registry.get("agendador.dispatch.start.lateness").timer().max(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(30);
    }

    @Test
    void gaugesShowTheQueue() {
        fixtures.dueJobs(user, 3, 10, Duration.ofMinutes(5));
        long running = fixtures.job(user, cnpj(20)).dueIn(Duration.ofHours(-1)).priority(5).insert();
        new RunningJob(fixtures).claim(running);

        statistics.sampleQueue();

        assertThat(gauge("agendador.dispatch.queue.due")).isEqualTo(3);
        assertThat(gauge("agendador.dispatch.queue.oldest.due.age")).isBetween(299.0, 400.0);
        assertThat(gauge("agendador.dispatch.queue.running")).isEqualTo(1);
        assertThat(gauge("agendador.dispatch.leases.expired")).isZero();
    }

    @Test
    void healthTurnsDegradedWhenExpiredLeasesAreNotTakenBack() {
        long job = fixtures.job(user, cnpj(30)).insert();
        new RunningJob(fixtures).claim(job);
        assertThat(dispatchHealth().get("status").asString()).isEqualTo("UP");

        fixtures.jdbc().sql("UPDATE jobs SET lease_until = now() - interval '5 minutes' WHERE id = ?").param(job)
                .update();

        JsonNode health = dispatchHealth();
        assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.get("details").get("expiredLeases").asLong()).isEqualTo(1);
        statistics.sampleQueue();
        assertThat(gauge("agendador.dispatch.leases.expired")).isEqualTo(1);

        dispatch.recoverExpiredLeases();
        assertThat(dispatchHealth().get("status").asString()).isEqualTo("UP");
    }

    private JsonNode dispatchHealth() {
        return api.get("/actuator/health", null).json().get("components").get("dispatch");
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    /** Marks one job RUNNING the way a claim does, with a live lease. */
    private record RunningJob(JobFixtures fixtures) {

        void claim(long jobId) {
            JobRows.update(fixtures.jdbc(), """
                    status = 'RUNNING', attempt = attempt + 1, worker_id = 'observed',
                    started_at = now(), lease_until = now() + interval '1 minute'
                     WHERE id = ?""", jobId);
        }
    }
}

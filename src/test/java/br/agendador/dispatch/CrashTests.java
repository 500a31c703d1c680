package br.agendador.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import br.agendador.jobs.queue.JobQueue;
import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobStatus;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static br.agendador.dispatch.JobFixtures.cnpj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker process is killed with SIGKILL in the middle of its runs. Its jobs are taken back when
 * their leases expire and run again by another dispatcher within one lease; the dead worker's
 * finish, were it ever to arrive, is refused.
 */
@IntegrationTest
class CrashTests {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final List<Cnpj> CNPJS = List.of(cnpj(900_001), cnpj(900_002), cnpj(900_003));

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;

    private Process worker;

    @AfterEach
    void killWorker() throws InterruptedException {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theJobsOfAKilledWorkerRunAgainWithinOneLease() throws Exception {
        JobFixtures fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        Path dir = Files.createTempDirectory("crash-test");
        Path ready = dir.resolve("ready");
        worker = launchWorker(ready, dir.resolve("worker.log"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(worker.isAlive()).as("the worker process runs; see " + dir.resolve("worker.log")).isTrue();
            return Files.exists(ready) && !Files.readString(ready).isBlank();
        });
        String crashedWorker = Files.readString(ready);

        long user = fixtures.user();
        List<Long> jobs = CNPJS.stream().map(cnpj -> fixtures.job(user, cnpj).insert()).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream().map(fixtures::row)
                .allMatch(row -> row.status() == JobStatus.RUNNING && crashedWorker.equals(row.workerId())));
        // a heartbeat went through: the leases are renewed while the lookups hang
        Instant firstLease = fixtures.row(jobs.getFirst()).leaseUntil();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.row(jobs.getFirst()).leaseUntil().isAfter(firstLease));

        worker.destroyForcibly();
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant killedAt = fixtures.databaseNow();
        List<JobFixtures.JobRow> abandoned = jobs.stream().map(fixtures::row).toList();
        assertThat(abandoned).allSatisfy(row -> assertThat(row.leaseUntil()).isBeforeOrEqualTo(killedAt.plus(LEASE)));

        CNPJS.forEach(cnpj -> lookup.script(cnpj, ScriptedCompanyLookup.found()));
        // what a scheduler and a worker of another process do, pass after pass
        await().atMost(LEASE.multipliedBy(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatch.recoverExpiredLeases();
            dispatch.runDueJobs();
            return jobs.stream().allMatch(job -> fixtures.row(job).status() == JobStatus.SUCCEEDED);
        });

        for (long job : jobs) {
            List<JobFixtures.AttemptRow> attempts = fixtures.attempts(job);
            assertThat(attempts).extracting(JobFixtures.AttemptRow::outcome).containsExactly("LEASE_EXPIRED", "SUCCEEDED");
            assertThat(attempts.getFirst().workerId()).isEqualTo(crashedWorker);
            assertThat(attempts.get(1).workerId()).isEqualTo(dispatch.workerId());
            assertThat(Duration.between(killedAt, attempts.get(1).startedAt()))
                    .as("run again within one lease of the kill (plus 2 s for the recovery pass on a busy machine)")
                    .isLessThanOrEqualTo(LEASE.plusSeconds(2));
        }
        assertThat(CNPJS).allSatisfy(cnpj -> assertThat(lookup.calls(cnpj)).isEqualTo(1));

        // the dead worker's finish, were it to arrive now, is fenced out
        JobQueue finisher = new TestDispatch(context).queue();
        for (JobFixtures.JobRow row : abandoned) {
            ClaimedJob stale = new ClaimedJob(row.id(), row.userId(), new Cnpj(row.cnpj()), row.attempt(), 1,
                    row.priority(), row.recurrence(), row.scheduledAt(), row.startedAt());
            assertThat(finisher.finish("dead-worker", List.of(Completion.failed(stale, "late")))).isEmpty();
            assertThat(fixtures.row(row.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    private static Process launchWorker(Path ready, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                WorkerProcess.class.getName(),
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=3",
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--agendador.roles=worker",
                "--agendador.dispatch.lease=" + LEASE.toSeconds() + "s",
                "--agendador.dispatch.heartbeat=1s",
                "--crash-test.hang=" + CNPJS.stream().map(Cnpj::value).collect(Collectors.joining(",")),
                "--crash-test.ready-file=" + ready))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}

package br.agendador.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import br.agendador.jobs.JobStatus;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static br.agendador.dispatch.JobFixtures.cnpj;
import static br.agendador.dispatch.TestDispatch.seconds;
import static br.agendador.support.ScriptedCompanyLookup.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A started dispatcher: what wakes it, how it gives jobs back at shutdown, what it does when a
 * lease is taken from it. Its poll interval is the longest allowed, so only notifications, the
 * timer and its own finished runs can explain a prompt start.
 */
@IntegrationTest
class DispatcherTests {

    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    ScriptedCompanyLookup lookup;

    JobFixtures fixtures;
    Dispatcher dispatcher;
    long user;

    @BeforeEach
    void setUp() {
        fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        user = fixtures.user();
        dispatcher = new TestDispatch(context)
                .settings(4, seconds(60), seconds(1), DispatchProperties.NOTIFY_HORIZON, seconds(60), seconds(1))
                .dispatcher("dispatcher-test");
    }

    @AfterEach
    void stop() {
        dispatcher.stop();
        lookup.releaseHangs();
    }

    @Test
    void aNewDueJobWakesASleepingDispatcher() {
        dispatcher.start();
        awaitListening();

        long job = fixtures.job(user, cnpj(1)).dueIn(Duration.ZERO).insert();
        lookup.script(cnpj(1), found());

        await().atMost(PROMPTLY).until(() -> fixtures.row(job).status() == JobStatus.SUCCEEDED);
    }

    @Test
    void theTimerStartsAFutureJobOnTimeAndNotBefore() {
        long job = fixtures.job(user, cnpj(2)).dueIn(Duration.ofSeconds(2)).insert();
        lookup.script(cnpj(2), found());
        dispatcher.start();

        await().atMost(PROMPTLY).until(() -> fixtures.row(job).status() == JobStatus.SUCCEEDED);
        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.startedAt()).isAfterOrEqualTo(row.scheduledAt());
    }

    @Test
    void theListenerReconnectsAfterItsConnectionIsLost() {
        dispatcher.start();
        awaitListening();

        fixtures.jdbc().sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'agendador-dispatch-listener'").query().listOfRows();
        await().atMost(PROMPTLY).until(() -> listeners() == 1);

        long job = fixtures.job(user, cnpj(3)).dueIn(Duration.ZERO).insert();
        lookup.script(cnpj(3), found());
        await().atMost(PROMPTLY).until(() -> fixtures.row(job).status() == JobStatus.SUCCEEDED);
    }

    @Test
    void atShutdownRunningJobsFinishAndTheRestGoBackWithoutUsingATry() {
        long quick = fixtures.job(user, cnpj(4)).insert();
        long stuck = fixtures.job(user, cnpj(5)).insert();
        lookup.script(cnpj(4), found());
        lookup.script(cnpj(5), lookup.hanging(), found());
        dispatcher.start();
        await().atMost(PROMPTLY).until(() -> fixtures.row(quick).status() == JobStatus.SUCCEEDED
                && lookup.hangingNow() == 1);

        dispatcher.stop();

        JobFixtures.JobRow released = fixtures.row(stuck);
        assertThat(released.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(released.attempt() - released.retryBase()).as("the cut-short try does not count").isZero();
        assertThat(released.leaseUntil()).isNull();
        assertThat(fixtures.attempts(stuck)).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("RELEASED"));
        await().atMost(PROMPTLY).until(() -> lookup.hangingNow() == 0);

        DispatchDriver.of(context).runDueJobs();
        JobFixtures.JobRow rerun = fixtures.row(stuck);
        assertThat(rerun.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rerun.attempt() - rerun.retryBase()).isEqualTo(1);
    }

    @Test
    void atShutdownAJobThatEndsInTimeIsRecorded() throws Exception {
        long job = fixtures.job(user, cnpj(6)).insert();
        lookup.script(cnpj(6), lookup.hanging());
        dispatcher = new TestDispatch(context)
                .settings(4, seconds(60), seconds(1), DispatchProperties.NOTIFY_HORIZON, seconds(60), seconds(30))
                .dispatcher("patient-dispatcher");
        dispatcher.start();
        await().atMost(PROMPTLY).until(() -> lookup.hangingNow() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(dispatcher::stop);
        await().atMost(PROMPTLY).until(() -> fixtures.row(job).status() == JobStatus.RUNNING && !stopping.isDone());
        lookup.releaseHangs();
        stopping.get();

        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aJobTakenBackFromTheDispatcherIsLetGo() {
        long job = fixtures.job(user, cnpj(7)).insert();
        lookup.script(cnpj(7), lookup.hanging(), found());
        dispatcher.start();
        await().atMost(PROMPTLY).until(() -> lookup.hangingNow() == 1);

        fixtures.expireLeases(List.of(job));
        DispatchDriver.of(context).recoverExpiredLeases();

        await("the heartbeat finds out and interrupts the lookup").atMost(PROMPTLY)
                .until(() -> lookup.hangingNow() == 0);
        await().atMost(PROMPTLY).until(() -> fixtures.row(job).status() == JobStatus.SUCCEEDED);
        assertThat(fixtures.attempts(job)).extracting(JobFixtures.AttemptRow::outcome)
                .containsExactly("LEASE_EXPIRED", "SUCCEEDED");
    }

    private void awaitListening() {
        await().atMost(PROMPTLY).until(() -> listeners() == 1);
    }

    private long listeners() {
        return fixtures.jdbc().sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'agendador-dispatch-listener' AND query LIKE 'LISTEN%'").query(Long.class).single();
    }
}

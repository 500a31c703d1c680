package br.agendador.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import br.agendador.support.RunEvents;
import br.agendador.jobs.queue.JobQueue;
import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobScheduled;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.JobSucceeded;
import br.agendador.jobs.Recurrence;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static br.agendador.dispatch.JobFixtures.cnpj;
import static br.agendador.support.ScriptedCompanyLookup.found;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases on the database clock: renewed while a run lasts, taken back when they expire (by any
 * number of schedulers at once), and the attempt number fencing out the worker that lost one.
 */
@IntegrationTest
@RecordApplicationEvents
class LeaseTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    ApplicationEvents events;

    JobFixtures fixtures;
    TestDispatch parts;
    long user;

    @BeforeEach
    void setUp() {
        fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        parts = new TestDispatch(context);
        user = fixtures.user();
    }

    @Test
    void aHeartbeatExtendsTheLeaseOnTheDatabaseClock() {
        long job = fixtures.job(user, cnpj(1)).insert();
        ClaimedJob claimed = parts.queue().claim("renewing", 1).getFirst();
        JobFixtures.JobRow before = fixtures.row(job);
        assertThat(before.leaseUntil()).isEqualTo(before.startedAt().plus(parts.settings().lease()));

        assertThat(parts.queue().renew(List.of(claimed))).containsExactly(job);

        assertThat(fixtures.row(job).leaseUntil()).isAfter(before.leaseUntil());
    }

    @Test
    void anExpiredLeaseSendsTheJobBackToItsPlaceInTheQueue() {
        long job = fixtures.job(user, cnpj(2)).insert();
        ClaimedJob lost = parts.queue().claim("crashed-worker", 1).getFirst();
        assertThat(fixtures.attempts(job)).as("the running attempt is the job row until it ends").singleElement()
                .satisfies(attempt -> {
                    assertThat(attempt.workerId()).isEqualTo("crashed-worker");
                    assertThat(attempt.startedAt()).isEqualTo(lost.startedAt());
                    assertThat(attempt.finishedAt()).isNull();
                });
        fixtures.expireLeases(List.of(job));

        assertThat(dispatch.recoverExpiredLeases()).isEqualTo(1);

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(row.scheduledAt()).isEqualTo(lost.scheduledAt());
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.leaseUntil()).isNull();
        assertThat(row.lastError()).isEqualTo("worker crashed-worker stopped renewing its lease");
        assertThat(fixtures.attempts(job)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("LEASE_EXPIRED");
            assertThat(attempt.workerId()).isEqualTo("crashed-worker");
            assertThat(attempt.startedAt()).isEqualTo(lost.startedAt());
            assertThat(attempt.finishedAt()).isNotNull();
        });
        assertThat(parts.queue().renew(List.of(lost))).as("the lost worker's heartbeat is refused").isEmpty();
    }

    @Test
    void theLostWorkersLateFinishIsRejectedByFencing() {
        long job = fixtures.job(user, cnpj(3)).insert();
        lookup.script(cnpj(3), found());
        ClaimedJob lost = parts.queue().claim("frozen-worker", 1).getFirst();
        fixtures.expireLeases(List.of(job));
        dispatch.recoverExpiredLeases();

        // taken back but not run yet: a late finish must not end it
        assertThat(parts.queue().finish("frozen-worker", List.of(lateSuccess(lost)))).isEmpty();
        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.SCHEDULED);

        dispatch.runDueJobs();
        JobFixtures.JobRow done = fixtures.row(job);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(2);

        // ... nor overwrite the newer run
        assertThat(parts.queue().finish("frozen-worker", List.of(Completion.failed(lost, "stale")))).isEmpty();
        assertThat(parts.queue().release("frozen-worker", List.of(lost))).isZero();
        JobFixtures.JobRow after = fixtures.row(job);
        assertThat(after.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(after.finishedAt()).isEqualTo(done.finishedAt());
        assertThat(after.lastError()).isNull();
        assertThat(fixtures.attempts(job)).extracting(JobFixtures.AttemptRow::outcome)
                .containsExactly("LEASE_EXPIRED", "SUCCEEDED");
        assertThat(RunEvents.ended(events, JobSucceeded.class).filter(e -> e.jobId() == job)).hasSize(1);
        assertThat(RunEvents.ended(events, JobFailed.class)).isEmpty();
    }

    @Test
    void aRunThatHasUsedEveryTryEndsFailedWhenItsLeaseExpires() {
        int maxAttempts = parts.settings().maxAttempts();
        long job = fixtures.job(user, cnpj(4)).recurrence(Recurrence.MONTHLY).insert();
        fixtures.jdbc().sql("UPDATE jobs SET attempt = ?, retry_base = 0 WHERE id = ?")
                .params(maxAttempts - 1, job).update();
        parts.queue().claim("crashing-worker", 1);
        fixtures.expireLeases(List.of(job));

        dispatch.recoverExpiredLeases();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(row.finishedAt()).isNotNull();
        assertThat(row.lastError()).isEqualTo(
                "gave up after " + maxAttempts + " tries: worker crashing-worker stopped renewing its lease");
        assertThat(RunEvents.ended(events, JobFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(maxAttempts));
        assertThat(row.nextOccurrenceId()).as("a recurring job goes on").isNotNull();
        assertThat(events.stream(JobScheduled.class)).singleElement()
                .satisfies(e -> assertThat(e.jobId()).isEqualTo(row.nextOccurrenceId()));
    }

    @Test
    void severalSchedulersRecoverEachJobOnce() throws Exception {
        List<Long> jobs = fixtures.dueJobs(user, 1_200, 100, Duration.ofMinutes(1));
        JobQueue claims = parts.queue();
        while (claims.claim("dead-worker", 500).size() == 500) {
            // claim them all
        }
        fixtures.expireLeases(jobs);
        JobQueue recovery = parts.queue();
        CyclicBarrier together = new CyclicBarrier(3);
        List<CompletableFuture<Integer>> schedulers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            schedulers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                JobQueue.Recovery pass = recovery.recoverExpiredLeases();
                return pass.requeued() + pass.failed();
            }));
        }

        int recovered = 0;
        for (CompletableFuture<Integer> scheduler : schedulers) {
            recovered += scheduler.get();
        }

        assertThat(recovered).isEqualTo(1_200);
        assertThat(fixtures.jdbc().sql("""
                        SELECT count(*) FROM job_attempts WHERE job_id = ANY(?) AND outcome = 'LEASE_EXPIRED'""")
                .param(jobs.stream().mapToLong(Long::longValue).toArray()).query(Long.class).single()).isEqualTo(1_200);
        assertThat(fixtures.jdbc().sql("SELECT count(*) FROM jobs WHERE id = ANY(?) AND status = 'SCHEDULED'")
                .param(jobs.stream().mapToLong(Long::longValue).toArray()).query(Long.class).single()).isEqualTo(1_200);
    }

    @Test
    void aLiveLeaseIsLeftAlone() {
        long job = fixtures.job(user, cnpj(5)).insert();
        parts.queue().claim("healthy-worker", 1);

        assertThat(dispatch.recoverExpiredLeases()).isZero();
        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.RUNNING);
    }

    private static Completion lateSuccess(ClaimedJob job) {
        return Completion.succeeded(job, "late", "{}", List.of());
    }
}

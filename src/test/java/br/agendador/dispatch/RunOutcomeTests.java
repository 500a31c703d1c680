package br.agendador.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import javax.sql.DataSource;

import br.agendador.support.RunEvents;
import br.agendador.support.JobRows;
import br.agendador.jobs.queue.AttemptOutcome;
import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.Completion;
import br.agendador.cnpj.CompanyChanged;
import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobQueries;
import br.agendador.jobs.JobScheduled;
import br.agendador.jobs.JobStarted;
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
import static br.agendador.support.ScriptedCompanyLookup.foundWithChanges;
import static br.agendador.support.ScriptedCompanyLookup.notFound;
import static br.agendador.support.ScriptedCompanyLookup.permanentFailure;
import static br.agendador.support.ScriptedCompanyLookup.throwing;
import static br.agendador.support.ScriptedCompanyLookup.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a run ends for each lookup outcome: the job, its attempt rows, the events, retries, recurrence. */
@IntegrationTest
@RecordApplicationEvents
class RunOutcomeTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    JobQueries jobs;
    @Autowired
    ApplicationEvents events;

    JobFixtures fixtures;
    long user;

    @BeforeEach
    void setUp() {
        fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        user = fixtures.user();
    }

    @Test
    void aFoundCompanyBecomesTheResult() {
        long job = fixtures.job(user, cnpj(1)).insert();
        lookup.script(cnpj(1), found());

        dispatch.runDueJobs();

        JobDetails details = jobs.find(job).orElseThrow();
        assertThat(details.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(details.result()).isEqualTo(ScriptedCompanyLookup.company(cnpj(1), List.of()));
        assertThat(details.attempt()).isEqualTo(1);
        assertThat(details.lastError()).isNull();
        assertThat(details.finishedAt()).isAfterOrEqualTo(details.startedAt());
        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.leaseUntil()).isNull();
        assertThat(row.workerId()).isNull();
        assertThat(fixtures.attempts(job)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("SUCCEEDED");
            assertThat(attempt.provider()).isEqualTo(ScriptedCompanyLookup.SOURCE);
            assertThat(attempt.workerId()).isEqualTo(dispatch.workerId());
            assertThat(attempt.finishedAt()).isEqualTo(details.finishedAt());
            assertThat(attempt.startedAt()).isEqualTo(details.startedAt());
        });
        assertThat(RunEvents.started(events).filter(e -> e.jobId() == job))
                .singleElement().satisfies(e -> {
                    assertThat(e.attempt()).isEqualTo(1);
                    assertThat(e.workerId()).isEqualTo(dispatch.workerId());
                    assertThat(e.occurredAt()).isEqualTo(details.startedAt());
                });
        assertThat(RunEvents.ended(events, JobSucceeded.class).filter(e -> e.jobId() == job))
                .singleElement().satisfies(e -> {
                    assertThat(e.userId()).isEqualTo(user);
                    assertThat(e.cnpj()).isEqualTo(cnpj(1).value());
                    assertThat(e.source()).isEqualTo(ScriptedCompanyLookup.SOURCE);
                    assertThat(e.occurredAt()).isEqualTo(details.finishedAt());
                });
        assertThat(events.stream(CompanyChanged.class)).as("a first snapshot changes nothing").isEmpty();
    }

    @Test
    void aChangedCompanyIsAnnounced() {
        long job = fixtures.job(user, cnpj(2)).insert();
        FieldChange change = new FieldChange("registrationStatus", "ATIVA", "INAPTA");
        lookup.script(cnpj(2), foundWithChanges(change));

        dispatch.runDueJobs();

        assertThat(events.stream(CompanyChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.jobId()).isEqualTo(job);
            assertThat(e.userId()).isEqualTo(user);
            assertThat(e.changes()).containsExactly(change);
        });
        assertThat(jobs.find(job).orElseThrow().result().changes()).containsExactly(change);
    }

    @Test
    void aCompanyThatDoesNotExistEndsNotFound() {
        long job = fixtures.job(user, cnpj(3)).insert();
        lookup.script(cnpj(3), notFound());

        dispatch.runDueJobs();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.NOT_FOUND);
        assertThat(row.lastError()).contains("não encontrado");
        assertThat(row.result()).isNull();
        assertThat(fixtures.attempts(job)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("NOT_FOUND");
            assertThat(attempt.provider()).isEqualTo(ScriptedCompanyLookup.SOURCE);
        });
        assertThat(RunEvents.ended(events, JobNotFound.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("não encontrado"));
        assertThat(lookup.calls(cnpj(3))).isEqualTo(1);
    }

    @Test
    void aPermanentFailureEndsFailedWithoutRetrying() {
        long job = fixtures.job(user, cnpj(4)).insert();
        lookup.script(cnpj(4), permanentFailure("CNPJ rejeitado pela Receita Federal"));

        dispatch.runDueJobs();

        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(fixtures.row(job).lastError()).isEqualTo("CNPJ rejeitado pela Receita Federal");
        assertThat(fixtures.attempts(job)).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("FAILED"));
        assertThat(RunEvents.ended(events, JobFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.error()).isEqualTo("CNPJ rejeitado pela Receita Federal"));
    }

    @Test
    void aTransientFailureRetriesWithinTheBackoffWindow() {
        long job = fixtures.job(user, cnpj(5)).insert();
        lookup.script(cnpj(5), transientFailure("HTTP 503 from brasilapi"), found());

        dispatch.runDueJobs();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(row.lastError()).isEqualTo("HTTP 503 from brasilapi");
        assertThat(row.finishedAt()).isNull();
        JobFixtures.AttemptRow attempt = fixtures.attempts(job).getFirst();
        assertThat(attempt.outcome()).isEqualTo("RETRY");
        Duration wait = Duration.between(attempt.finishedAt(), row.scheduledAt());
        DispatchProperties settings = context.getBean(DispatchProperties.class);
        assertThat(wait).isBetween(Duration.ZERO, settings.retryDelay());
        assertThat(RunEvents.ended(events, JobFailed.class)).isEmpty();

        fixtures.makeDue(job);
        dispatch.runDueJobs();

        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(fixtures.attempts(job)).extracting(JobFixtures.AttemptRow::outcome).containsExactly("RETRY", "SUCCEEDED");
        assertThat(RunEvents.started(events).filter(e -> e.jobId() == job))
                .extracting(JobStarted::attempt).containsExactly(1, 2);
    }

    @Test
    void aProvidersRetryAfterIsHonouredWhenLonger() {
        long job = fixtures.job(user, cnpj(6)).insert();
        lookup.script(cnpj(6), transientFailure("HTTP 429 from cnpjws", Duration.ofHours(1)));

        dispatch.runDueJobs();

        JobFixtures.AttemptRow attempt = fixtures.attempts(job).getFirst();
        assertThat(fixtures.row(job).scheduledAt()).isEqualTo(attempt.finishedAt().plus(Duration.ofHours(1)));
    }

    @Test
    void anExceptionCountsAsATransientFailure() {
        long job = fixtures.job(user, cnpj(7)).insert();
        lookup.script(cnpj(7), throwing(new IllegalStateException("connection reset")));

        dispatch.runDueJobs();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(row.lastError()).contains("connection reset");
        assertThat(fixtures.attempts(job)).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("RETRY"));
    }

    @Test
    void givesUpAfterMaxAttemptsOfTheRun() {
        int maxAttempts = context.getBean(DispatchProperties.class).maxAttempts();
        long job = fixtures.job(user, cnpj(8)).insert();
        lookup.script(cnpj(8), transientFailure("timeout at every provider"));

        for (int i = 1; i < maxAttempts; i++) {
            dispatch.runDueJobs();
            assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.SCHEDULED);
            fixtures.makeDue(job);
        }
        dispatch.runDueJobs();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(row.lastError()).isEqualTo("gave up after " + maxAttempts + " tries: timeout at every provider");
        assertThat(lookup.calls(cnpj(8))).isEqualTo(maxAttempts);
        assertThat(fixtures.attempts(job)).hasSize(maxAttempts)
                .extracting(JobFixtures.AttemptRow::outcome).last().isEqualTo("FAILED");
        assertThat(RunEvents.ended(events, JobFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(maxAttempts));
    }

    @Test
    void aRetryByAPersonStartsANewRunOfTries() {
        int maxAttempts = context.getBean(DispatchProperties.class).maxAttempts();
        long job = fixtures.job(user, cnpj(9)).insert();
        lookup.script(cnpj(9), transientFailure("down"));
        for (int i = 0; i < maxAttempts; i++) {
            fixtures.makeDue(job);
            dispatch.runDueJobs();
        }
        assertThat(fixtures.row(job).status()).isEqualTo(JobStatus.FAILED);

        // what the jobs API does on POST /jobs/{id}/retry
        JobRows.update(fixtures.jdbc(), "status = 'SCHEDULED', retry_base = attempt, scheduled_at = now(), "
                + "finished_at = NULL WHERE id = ?", job);
        dispatch.runDueJobs();

        JobFixtures.JobRow row = fixtures.row(job);
        assertThat(row.status()).as("one failure of the new run is retried").isEqualTo(JobStatus.SCHEDULED);
        assertThat(row.attempt()).isEqualTo(maxAttempts + 1);
        // Events carry the claim counter, which never goes back (the mails rely on it).
        assertThat(RunEvents.started(events).filter(e -> e.jobId() == job)).last()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(maxAttempts + 1));
    }

    @Test
    void aLookupThatHangsIsAbandonedAsATransientFailure() {
        TestDispatch custom = new TestDispatch(context).settings(1, Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ZERO);
        long job = fixtures.job(user, cnpj(10)).insert();
        lookup.script(cnpj(10), lookup.hanging());
        ClaimedJob claimed = custom.queue().claim("hang-test", 1).getFirst();

        Completion completion = custom.runner().run(claimed).orElseThrow();
        custom.queue().finish("hang-test", List.of(completion));

        assertThat(completion.outcome()).isEqualTo(AttemptOutcome.RETRY);
        assertThat(fixtures.row(job).lastError()).isEqualTo("the lookup did not answer within 300 ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup.hangingNow() == 0);
    }

    @Test
    void aRecurringJobSchedulesItsNextOccurrenceOnceInTheOwnersZone() {
        ZoneId lisbon = ZoneId.of("Europe/Lisbon");
        long owner = fixtures.user(lisbon);
        Instant now = fixtures.databaseNow();
        ZonedDateTime nineOClock = now.atZone(lisbon).minusDays(1).withHour(9).withMinute(0).withSecond(0).withNano(0);
        long first = fixtures.job(owner, cnpj(11)).priority(4).label("fornecedor").recurrence(Recurrence.DAILY)
                .at(nineOClock.toInstant()).insert();
        lookup.script(cnpj(11), permanentFailure("bad luck"), found());

        dispatch.runDueJobs();

        JobFixtures.JobRow ended = fixtures.row(first);
        assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
        assertThat(ended.nextOccurrenceId()).isNotNull();
        JobFixtures.JobRow next = fixtures.row(ended.nextOccurrenceId());
        assertThat(next.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(next.scheduledAt()).as("the first 09:00 in Lisbon still ahead")
                .isEqualTo(Recurrence.DAILY.nextAfter(nineOClock.toInstant(), lisbon, ended.finishedAt()));
        assertThat(next.scheduledAt().atZone(lisbon).getHour()).isEqualTo(9);
        assertThat(next.scheduledAt()).isAfter(ended.finishedAt());
        assertThat(next).satisfies(job -> {
            assertThat(job.userId()).isEqualTo(owner);
            assertThat(job.cnpj()).isEqualTo(cnpj(11).value());
            assertThat(job.priority()).isEqualTo(4);
            assertThat(job.label()).isEqualTo("fornecedor");
            assertThat(job.recurrence()).isEqualTo(Recurrence.DAILY);
            assertThat(job.seriesId()).isEqualTo(first);
            assertThat(job.attempt()).isZero();
        });
        assertThat(events.stream(JobScheduled.class)).singleElement()
                .satisfies(e -> assertThat(e.jobId()).isEqualTo(next.id()));

        // the owner retries the failed occurrence: it runs again, and still has one next occurrence
        JobRows.update(fixtures.jdbc(), "status = 'SCHEDULED', retry_base = attempt, scheduled_at = now(), "
                + "finished_at = NULL WHERE id = ?", first);
        dispatch.runDueJobs();

        assertThat(fixtures.row(first).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(fixtures.row(first).nextOccurrenceId()).isEqualTo(next.id());
        assertThat(fixtures.jdbc().sql("SELECT count(*) FROM jobs WHERE series_id = ?").param(first)
                .query(Long.class).single()).isEqualTo(1);

        // the next occurrence, once run, links the series on
        fixtures.makeDue(next.id());
        lookup.script(cnpj(11), found());
        dispatch.runDueJobs();
        JobFixtures.JobRow third = fixtures.row(fixtures.row(next.id()).nextOccurrenceId());
        assertThat(third.seriesId()).isEqualTo(first);
    }

    @Test
    void aRetryIsNotAnEndAndSchedulesNoOccurrence() {
        long job = fixtures.job(user, cnpj(12)).recurrence(Recurrence.WEEKLY).insert();
        lookup.script(cnpj(12), transientFailure("slow"));

        dispatch.runDueJobs();

        assertThat(fixtures.row(job).nextOccurrenceId()).isNull();
        assertThat(events.stream(JobScheduled.class)).isEmpty();
    }
}

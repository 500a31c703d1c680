package br.agendador.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.Job.IllegalTransitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state machine of a job, on a clock the test moves. */
class JobTests {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final Cnpj CNPJ = Cnpj.parse("11.222.333/0001-81");

    private Clock clock = Clock.fixed(START, ZoneOffset.UTC);

    @Test
    void aNewJobIsScheduledWithNoRunsYet() {
        Job job = Job.schedule(7, CNPJ, START.plusSeconds(3600), 4, "label", Recurrence.DAILY, clock);
        assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(job.createdAt()).isEqualTo(START);
        assertThat(job.updatedAt()).isEqualTo(START);
        assertThat(job.scheduledAt()).isEqualTo(START.plusSeconds(3600));
        assertThat(job.attempt()).isZero();
        assertThat(job.retryBase()).isZero();
        assertThat(job.startedAt()).isNull();
        assertThat(job.finishedAt()).isNull();
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheDatabaseDoes() {
        clock = Clock.fixed(START.plusNanos(123_456_789), ZoneOffset.UTC);
        Job job = Job.schedule(7, CNPJ, START.plusNanos(1_999), 3, null, Recurrence.NONE, clock);
        assertThat(job.createdAt()).isEqualTo(START.plusNanos(123_456_000));
        assertThat(job.scheduledAt()).isEqualTo(START.plusNanos(1_000));
    }

    @Test
    void aScheduledJobCanBeChangedAndTheRetryBaseCatchesUpWithTheAttempts() {
        Job job = stored(JobStatus.SCHEDULED, 3, 1);
        advance(Duration.ofMinutes(5));
        Cnpj other = Cnpj.parse("11.444.777/0001-61");
        Job changed = job.reschedule(other, START.plusSeconds(7200), 5, null, Recurrence.WEEKLY, clock);
        assertThat(changed.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(changed.cnpj()).isEqualTo(other);
        assertThat(changed.priority()).isEqualTo(5);
        assertThat(changed.label()).isNull();
        assertThat(changed.recurrence()).isEqualTo(Recurrence.WEEKLY);
        assertThat(changed.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(changed.createdAt()).isEqualTo(job.createdAt());
        assertThat(changed.attempt()).isEqualTo(3);
        assertThat(changed.retryBase()).isEqualTo(3);
    }

    @Test
    void aScheduledJobCanBeCanceledAndThenNothingElse() {
        Job job = stored(JobStatus.SCHEDULED, 0, 0);
        advance(Duration.ofSeconds(30));
        Job canceled = job.cancel(clock);
        assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(canceled.finishedAt()).isEqualTo(START.plusSeconds(30));
        assertThatThrownBy(() -> canceled.cancel(clock)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("CANCELED").hasMessageContaining("only SCHEDULED jobs can be canceled");
        assertThatThrownBy(() -> canceled.retry(clock)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> canceled.reschedule(CNPJ, START, 3, null, Recurrence.NONE, clock))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"FAILED", "NOT_FOUND"})
    void aFailedOrNotFoundJobIsRetriedNowWithAFreshAllowanceOfTries(JobStatus status) {
        Job job = new Job(1L, 7, CNPJ, status, 2, "l", Recurrence.NONE, START, START, START, START.plusSeconds(1),
                START.plusSeconds(2), 8, 0, "all providers down", null, null);
        advance(Duration.ofHours(2));
        Job retried = job.retry(clock);
        assertThat(retried.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(retried.scheduledAt()).isEqualTo(START.plus(Duration.ofHours(2)));
        assertThat(retried.attempt()).as("attempt is the dispatcher's fencing token").isEqualTo(8);
        assertThat(retried.retryBase()).isEqualTo(8);
        assertThat(retried.lastError()).isNull();
        assertThat(retried.startedAt()).isNull();
        assertThat(retried.finishedAt()).isNull();
        assertThat(retried.priority()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SCHEDULED", "RUNNING", "SUCCEEDED", "CANCELED"})
    void onlyFailedAndNotFoundJobsCanBeRetried(JobStatus status) {
        Job job = stored(status, 1, 0);
        assertThatThrownBy(() -> job.retry(clock)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("only FAILED or NOT_FOUND jobs can be retried");
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = "SCHEDULED", mode = EnumSource.Mode.EXCLUDE)
    void onlyScheduledJobsCanBeChangedOrCanceled(JobStatus status) {
        Job job = stored(status, 1, 0);
        assertThatThrownBy(() -> job.reschedule(CNPJ, START, 3, null, Recurrence.NONE, clock))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining(status.name());
        assertThatThrownBy(() -> job.cancel(clock)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void theChangesAllowedFromEachStateFollowTheStateMachine() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(Job.Change.EDIT.allowedFrom(status)).isEqualTo(status == JobStatus.SCHEDULED);
            assertThat(Job.Change.CANCEL.allowedFrom(status)).isEqualTo(status == JobStatus.SCHEDULED);
            assertThat(Job.Change.RETRY.allowedFrom(status))
                    .isEqualTo(status == JobStatus.FAILED || status == JobStatus.NOT_FOUND);
        }
    }

    @Test
    void refusesImpossibleValues() {
        assertThatThrownBy(() -> Job.schedule(7, CNPJ, START, 0, null, Recurrence.NONE, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Job.schedule(7, CNPJ, START, 6, null, Recurrence.NONE, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Job(1L, 7, CNPJ, JobStatus.SCHEDULED, 3, null, Recurrence.NONE, START, START,
                START, null, null, 1, 2, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private Job stored(JobStatus status, int attempt, int retryBase) {
        return new Job(1L, 7, CNPJ, status, 3, "label", Recurrence.NONE, START.plusSeconds(60), START, START, null,
                null, attempt, retryBase, null, null, null);
    }

    private void advance(Duration duration) {
        clock = Clock.offset(clock, duration);
    }
}

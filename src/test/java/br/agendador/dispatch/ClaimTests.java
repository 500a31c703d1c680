package br.agendador.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import br.agendador.jobs.queue.ClaimedJob;
import br.agendador.jobs.queue.JobQueue;
import br.agendador.support.IntegrationTest;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static br.agendador.dispatch.JobFixtures.cnpj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which due jobs a claim takes, and when: order, the database clock, fairness between users. */
@IntegrationTest
class ClaimTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    TestClock clock;

    JobFixtures fixtures;
    JobQueue claims;

    @BeforeEach
    void setUp() {
        fixtures = new JobFixtures(dataSource);
        fixtures.clearQueue();
        lookup.reset();
        claims = new TestDispatch(context).queue();
    }

    @Test
    void takesHigherPriorityFirstThenEarlierTimeThenArrival() {
        long user = fixtures.user();
        Instant sameTime = fixtures.databaseNow().minus(Duration.ofMinutes(3));
        long lowest = fixtures.job(user, cnpj(1)).priority(1).dueIn(Duration.ofMinutes(-10)).insert();
        long urgentLater = fixtures.job(user, cnpj(2)).priority(5).dueIn(Duration.ofMinutes(-1)).insert();
        long normalEarliest = fixtures.job(user, cnpj(3)).priority(3).dueIn(Duration.ofMinutes(-5)).insert();
        long normalFirstArrived = fixtures.job(user, cnpj(4)).priority(3).at(sameTime).insert();
        long normalSecondArrived = fixtures.job(user, cnpj(5)).priority(3).at(sameTime).insert();
        long urgentEarlier = fixtures.job(user, cnpj(6)).priority(5).dueIn(Duration.ofMinutes(-2)).insert();

        List<Long> oneByOne = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            oneByOne.addAll(claims.claim("order-test", 1).stream().map(ClaimedJob::id).toList());
        }

        assertThat(oneByOne).containsExactly(urgentEarlier, urgentLater, normalEarliest, normalFirstArrived,
                normalSecondArrived, lowest);
    }

    @Test
    void aBatchRunsInTheSameOrder() {
        long user = fixtures.user();
        long low = fixtures.job(user, cnpj(11)).priority(2).insert();
        long high = fixtures.job(user, cnpj(12)).priority(4).insert();
        lookup.script(cnpj(11), ScriptedCompanyLookup.found());
        lookup.script(cnpj(12), ScriptedCompanyLookup.found());

        assertThat(dispatch.runDueJobs()).containsExactly(high, low);
    }

    @Test
    void neverStartsAJobBeforeItsTimeOnTheDatabaseClock() {
        // the application's clock runs a year ahead; the dispatcher goes by the database's
        clock.set(fixtures.databaseNow().plus(Duration.ofDays(365)));
        long user = fixtures.user();
        long soon = fixtures.job(user, cnpj(21)).dueIn(Duration.ofMillis(1500)).insert();
        lookup.script(cnpj(21), ScriptedCompanyLookup.found());

        assertThat(dispatch.runDueJobs()).doesNotContain(soon);
        assertThat(fixtures.row(soon).status()).hasToString("SCHEDULED");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> dispatch.runDueJobs().contains(soon));
        JobFixtures.JobRow row = fixtures.row(soon);
        assertThat(row.startedAt()).isAfterOrEqualTo(row.scheduledAt());
        assertThat(fixtures.attempts(soon)).singleElement()
                .satisfies(attempt -> assertThat(attempt.startedAt()).isAfterOrEqualTo(row.scheduledAt()));
    }

    @Test
    void oneUsersBacklogDoesNotHoldUpAnotherUsersJob() {
        long busy = fixtures.user();
        long other = fixtures.user();
        fixtures.dueJobs(busy, 1_000, 1_000, Duration.ofMinutes(10));
        long single = fixtures.job(other, cnpj(5_000)).dueIn(Duration.ofSeconds(-1)).insert();

        List<ClaimedJob> first = claims.claim("fairness-test", 8);

        assertThat(first).extracting(ClaimedJob::id).contains(single);
        assertThat(first).filteredOn(job -> job.userId() == busy).hasSize(2);
    }

    @Test
    void aUserAloneMayUseEveryWorker() {
        long alone = fixtures.user();
        fixtures.dueJobs(alone, 20, 100, Duration.ofMinutes(1));

        assertThat(claims.claim("alone-1", 8)).hasSize(8);
        assertThat(claims.claim("alone-2", 8)).as("the running jobs do not count while nobody else waits").hasSize(8);
    }

    @Test
    void theCapCountsJobsRunningOnEveryWorker() {
        long busy = fixtures.user();
        long other = fixtures.user();
        fixtures.dueJobs(busy, 10, 200, Duration.ofMinutes(1));
        fixtures.dueJobs(other, 10, 300, Duration.ofMinutes(1));

        List<ClaimedJob> onFirstWorker = claims.claim("worker-1", 3);
        List<ClaimedJob> onSecondWorker = claims.claim("worker-2", 8);

        assertThat(onFirstWorker).hasSize(3);
        assertThat(onFirstWorker.stream().filter(job -> job.userId() == busy).count()
                + onSecondWorker.stream().filter(job -> job.userId() == busy).count()).isEqualTo(2);
        assertThat(onFirstWorker.stream().filter(job -> job.userId() == other).count()
                + onSecondWorker.stream().filter(job -> job.userId() == other).count()).isEqualTo(2);
    }

    @Test
    void theCapBindsOnlyWhileOthersHaveDueJobs() {
        long busy = fixtures.user();
        long other = fixtures.user();
        fixtures.dueJobs(busy, 10, 400, Duration.ofMinutes(2));
        long othersOnly = fixtures.job(other, cnpj(499)).dueIn(Duration.ofMinutes(-1)).insert();
        assertThat(claims.claim("worker-1", 8)).extracting(ClaimedJob::id).contains(othersOnly).hasSize(3);

        // the other user's job is running, and they have nothing else due: the busy user is alone again
        assertThat(claims.claim("worker-1", 8)).hasSize(8).allMatch(job -> job.userId() == busy);
    }

    @Test
    void reportsWhenTheNextJobIsDue() {
        long user = fixtures.user();
        assertThat(claims.untilNextDue()).isEmpty();
        fixtures.job(user, cnpj(31)).priority(1).dueIn(Duration.ofMinutes(7)).insert();
        fixtures.job(user, cnpj(32)).priority(5).dueIn(Duration.ofMinutes(3)).insert();
        fixtures.job(user, cnpj(33)).priority(3).dueIn(Duration.ofMinutes(-1)).insert();

        assertThat(claims.untilNextDue()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3)));
    }
}

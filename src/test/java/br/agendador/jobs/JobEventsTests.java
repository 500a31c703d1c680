package br.agendador.jobs;

import java.time.Instant;
import java.util.List;

import br.agendador.support.JobRows;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every change of a job publishes its event; a refused change publishes none. */
@IntegrationTest
@RecordApplicationEvents
class JobEventsTests {

    static final Instant NOW = Instant.parse("2099-06-01T12:00:00Z");

    @Autowired
    Jobs jobs;
    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    @Test
    void creatingEditingCancelingAndRetryingEachPublishTheirEvent() {
        clock.set(NOW);
        Session user = api.newUser();
        events.clear();

        JobDetails job = jobs.create(user.userId(), new NewJob("11.222.333/0001-81", null, null, null, null));
        assertThat(events.stream(JobScheduled.class))
                .containsExactly(new JobScheduled(job.id(), user.userId(), "11222333000181", NOW));

        clock.set(NOW.plusSeconds(5));
        jobs.update(user.userId(), job.id(), new JobChange("11.444.777/0001-61", null, 5, null, null));
        assertThat(events.stream(JobRescheduled.class))
                .containsExactly(new JobRescheduled(job.id(), user.userId(), "11444777000161", NOW.plusSeconds(5)));

        jobs.cancel(user.userId(), job.id());
        assertThat(events.stream(JobCanceled.class))
                .containsExactly(new JobCanceled(job.id(), user.userId(), "11444777000161", NOW.plusSeconds(5)));

        JobDetails failed = jobs.create(user.userId(), new NewJob("33.000.167/0001-01", null, null, null, null));
        JobRows.update(jdbc, "status = 'FAILED', attempt = 8 WHERE id = ?", failed.id());
        events.clear();
        jobs.retry(user.userId(), failed.id());
        assertThat(events.stream(JobRescheduled.class)).extracting(JobRescheduled::jobId).containsExactly(failed.id());
    }

    @Test
    void aBulkImportPublishesOneEventNamingEveryCreatedJob() {
        clock.set(NOW);
        Session user = api.newUser();
        events.clear();
        BulkResult result = jobs.bulk(user.userId(), List.of(
                new BulkRow(1, "11.222.333/0001-81", null, null, null, null),
                new BulkRow(2, "11.222.333/0001-00", null, null, null, null),
                new BulkRow(3, "11.444.777/0001-61", null, "5", "x", "daily")));
        assertThat(result.created()).isEqualTo(2);
        assertThat(events.stream(JobScheduled.class)).isEmpty();
        List<JobsScheduled> published = events.stream(JobsScheduled.class).toList();
        assertThat(published).hasSize(1);
        JobsScheduled bulk = published.getFirst();
        List<Long> ids = jdbc.sql("SELECT id FROM jobs WHERE user_id = ?").param(user.userId()).query(Long.class).list();
        assertThat(bulk.userId()).isEqualTo(user.userId());
        assertThat(bulk.each()).extracting(JobScheduled::jobId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(bulk.each()).extracting(JobScheduled::cnpj).containsExactlyInAnyOrder("11222333000181", "11444777000161");
        assertThat(bulk.each()).extracting(JobScheduled::occurredAt).containsOnly(NOW);
    }

    @Test
    void refusedChangesPublishNothing() {
        Session user = api.newUser();
        JobDetails job = jobs.create(user.userId(), new NewJob("11.222.333/0001-81", null, null, null, null));
        jobs.cancel(user.userId(), job.id());
        events.clear();
        assertThatThrownBy(() -> jobs.create(user.userId(), new NewJob("123", null, null, null, null)))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> jobs.cancel(user.userId(), job.id())).isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> jobs.update(user.userId(), job.id(), new JobChange(null, null, 2, null, null)))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> jobs.retry(user.userId(), job.id())).isInstanceOf(ErrorResponseException.class);
        assertThat(events.stream(JobEvent.class)).isEmpty();
    }
}

package br.agendador.events;

import java.time.Instant;
import java.util.UUID;

import br.agendador.jobs.JobStarted;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.Api.Response;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestJobs;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With no spring.rabbitmq.host (the shared test context) nothing of RabbitMQ is set up. */
@IntegrationTest
class EventsWithoutBrokerTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    Api api;
    @Autowired
    FailedPublicationRetry retry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void noBrokerNoConnectionAndAHealthyApp() {
        assertThat(context.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RabbitTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BrokerPublisher.class)).isEmpty();
        assertThat(context.getBeanNamesForType(FailedPublicationRetry.class)).hasSize(1);

        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        // the overall status may be DEGRADED: other classes leave RUNNING jobs behind in the shared database
        assertThat(health.json().get("status").asString()).isIn("UP", "DEGRADED");
        assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").has("rabbit")).isFalse();
    }

    @Test
    void retriesFailedPublicationsOnlyOfListenersThisProcessHas() {
        Session ana = api.newUser();
        TestJobs jobs = new TestJobs(context);
        long job = jobs.schedule(ana.userId(), TestJobs.newCnpj(), null, Instant.parse("2026-03-10T14:55:00Z"));
        JobStarted started = new JobStarted(job, ana.userId(), jobs.cnpjOf(job), Instant.parse("2026-03-10T15:00:00Z"), 1,
                "w");
        UUID mail = failedPublication("br.agendador.notifications.JobMails.on(br.agendador.jobs.JobStarted)", started);
        UUID elsewhere = failedPublication("br.agendador.events.NotInThisProcess.on(br.agendador.jobs.JobEvent)", started);
        try {
            retry.resubmitFailed();

            await().until(() -> status(mail), "COMPLETED"::equals);
            assertThat(api.get("/api/v1/mailbox", ana.accessToken()).json().get("content")).hasSize(1);
            assertThat(status(elsewhere)).isEqualTo("FAILED");
            assertThat(jdbc.sql("SELECT completion_attempts FROM event_publication WHERE id = ?").param(elsewhere)
                    .query(Integer.class).single()).as("never resubmitted").isEqualTo(1);
        } finally {
            jdbc.sql("DELETE FROM event_publication WHERE id IN (?, ?)").params(mail, elsewhere).update();
        }
    }

    private UUID failedPublication(String listener, Object event) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       status, completion_attempts)
                        VALUES (?, ?, ?, ?, now() - interval '1 hour', 'FAILED', 1)""")
                .params(id, listener, event.getClass().getName(), json.writeValueAsString(event)).update();
        return id;
    }

    private String status(UUID publication) {
        return jdbc.sql("SELECT status FROM event_publication WHERE id = ?").param(publication).query(String.class)
                .single();
    }
}

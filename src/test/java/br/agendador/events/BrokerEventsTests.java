package br.agendador.events;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobCanceled;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobRescheduled;
import br.agendador.jobs.JobScheduled;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobSucceeded;
import br.agendador.jobs.JobsScheduled;
import br.agendador.jobs.JobsChanged;
import br.agendador.jobs.JobsFinished;
import br.agendador.jobs.JobsStarted;
import br.agendador.support.Api;
import br.agendador.support.Broker;
import br.agendador.support.BrokerIntegrationTest;
import br.agendador.support.TestJobs;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events on the machine's RabbitMQ: what arrives, with which routing key and body, and that
 * events raised while the broker is unreachable arrive once it is back. The app reaches the
 * broker through a proxy the test cuts; the test reads with its own queue bound to the exchange.
 */
@BrokerIntegrationTest
class BrokerEventsTests {

    static final Instant AT = Instant.parse("2026-03-10T15:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Api api;

    Connection connection;
    Channel channel;
    String queue;
    final List<Received> received = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException, TimeoutException {
        connection = Broker.connect();
        channel = connection.createChannel();
        channel.exchangeDeclare(BrokerTopology.EXCHANGE, "topic", true);
        queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, BrokerTopology.EXCHANGE, "#");
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
    }

    @Test
    void everyEventArrivesWithItsRoutingKeyAndBody() {
        long job = newJobId();
        long user = 7;
        String cnpj = TestJobs.newCnpj();
        List<FieldChange> changes = List.of(new FieldChange("registrationStatus", "ATIVA", "INAPTA"));
        publish(new JobScheduled(job, user, cnpj, AT));
        publish(new JobRescheduled(job, user, cnpj, AT.plusSeconds(1)));
        publish(new JobStarted(job, user, cnpj, AT.plusSeconds(2), 1, "worker-1"));
        publish(new JobSucceeded(job, user, cnpj, AT.plusSeconds(3), 1, "brasilapi"));
        publish(new CompanyChanged(job, user, cnpj, changes, AT.plusSeconds(3)));
        publish(new JobNotFound(job, user, cnpj, AT.plusSeconds(4), 2, "no such company"));
        publish(new JobFailed(job, user, cnpj, AT.plusSeconds(5), 3, "timeout"));
        publish(new JobCanceled(job, user, cnpj, AT.plusSeconds(6)));

        List<Received> messages = awaitMessages(List.of(job), 8);

        assertThat(messages).extracting(Received::routingKey).containsExactlyInAnyOrder("job.scheduled",
                "job.scheduled", "job.started", "job.succeeded", "company.changed", "job.not-found", "job.failed",
                "job.canceled");
        Received started = only(messages, "job.started");
        assertThat(started.body().get("jobId").asLong()).isEqualTo(job);
        assertThat(started.body().get("userId").asLong()).isEqualTo(user);
        assertThat(started.body().get("cnpj").asString()).isEqualTo(cnpj);
        assertThat(started.body().get("status").asString()).isEqualTo("RUNNING");
        assertThat(started.body().get("occurredAt").asString()).isEqualTo("2026-03-10T15:00:02Z");
        assertThat(started.body().has("changes")).isFalse();
        assertThat(started.contentType()).isEqualTo("application/json");
        assertThat(started.persistent()).isTrue();
        assertThat(started.messageId()).isEqualTo("job.started:" + job + ":2026-03-10T15:00:02Z");
        assertThat(only(messages, "job.not-found").body().get("status").asString()).isEqualTo("NOT_FOUND");
        assertThat(only(messages, "job.canceled").body().get("status").asString()).isEqualTo("CANCELED");
        JsonNode changed = only(messages, "company.changed").body();
        assertThat(changed.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(changed.get("changes").get(0).get("field").asString()).isEqualTo("registrationStatus");
        assertThat(changed.get("changes").get(0).get("from").asString()).isEqualTo("ATIVA");
        assertThat(changed.get("changes").get(0).get("to").asString()).isEqualTo("INAPTA");
        assertThat(api.get("/actuator/health", null).json().get("components").get("rabbit").get("status").asString())
                .isEqualTo("UP");
    }

    /** Workers announce claims and ends in batches, and actions over a filtered set change many jobs at once: one message per job each time. */
    @Test
    void batchEventsArriveAsOneMessagePerJob() {
        long first = newJobId();
        long second = newJobId();
        long user = 7;
        String cnpj = TestJobs.newCnpj();
        publish(new JobsStarted(List.of(new JobStarted(first, user, cnpj, AT, 1, "worker-1"),
                new JobStarted(second, user, cnpj, AT, 1, "worker-1"))));
        publish(new JobsFinished(List.of(new JobSucceeded(first, user, cnpj, AT.plusSeconds(1), 1, "dadosabertos")),
                List.of(), List.of(new JobFailed(second, user, cnpj, AT.plusSeconds(1), 1, "timeout"))));
        publish(new JobsChanged(user, false, List.of(new JobsScheduled.ScheduledJob(second, cnpj)), AT.plusSeconds(2)));
        publish(new JobsChanged(user, true, List.of(new JobsScheduled.ScheduledJob(second, cnpj)), AT.plusSeconds(3)));

        List<Received> messages = awaitMessages(List.of(first, second), 6);

        assertThat(messages).extracting(message -> message.routingKey() + " " + message.body().get("jobId").asLong())
                .containsExactlyInAnyOrder("job.started " + first, "job.started " + second, "job.succeeded " + first,
                        "job.failed " + second, "job.scheduled " + second, "job.canceled " + second);
    }

    @Test
    void aBulkImportIsOneEventPublicationAndAJobScheduledMessagePerJob() {
        Api.Session user = api.newUser();
        List<String> cnpjs = List.of(TestJobs.newCnpj(), TestJobs.newCnpj(), TestJobs.newCnpj());
        Api.Response created = api.send("POST", "/api/v1/jobs/bulk", "cnpj\n" + String.join("\n", cnpjs) + "\n",
                "text/csv", user.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        List<Long> jobs = jdbc.sql("SELECT id FROM jobs WHERE user_id = ? ORDER BY id").param(user.userId())
                .query(Long.class).list();
        assertThat(jobs).hasSize(3);

        List<Received> messages = awaitMessages(jobs, 3);

        assertThat(messages).extracting(Received::routingKey).containsOnly("job.scheduled");
        assertThat(messages).extracting(m -> m.body().get("cnpj").asString()).containsExactlyInAnyOrderElementsOf(cnpjs);
        assertThat(messages).extracting(Received::messageId).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%JobsScheduled'"
                        + " AND serialized_event LIKE ?").param("%\"jobId\":" + jobs.getFirst() + ",%")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void consumersGetADurableQueueWhoseRejectedMessagesGoToTheDeadLetterQueue() throws IOException {
        long job = newJobId();
        channel.queuePurge(BrokerTopology.QUEUE);
        publish(new JobCanceled(job, 7, TestJobs.newCnpj(), AT));

        GetResponse delivered = await().until(() -> channel.basicGet(BrokerTopology.QUEUE, false),
                response -> response != null && jobIdOf(response) == job);
        channel.basicReject(delivered.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = await().until(() -> channel.basicGet(BrokerTopology.DEAD_LETTER_QUEUE, true),
                response -> response != null && jobIdOf(response) == job);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("job.canceled");
        // Declaring it again with the same arguments is a no-op; different ones would close the channel.
        channel.queueDeclare(BrokerTopology.QUEUE, true, false, false,
                Map.of("x-dead-letter-exchange", BrokerTopology.DEAD_LETTER_EXCHANGE));
        channel.queuePurge(BrokerTopology.QUEUE);
        channel.queuePurge(BrokerTopology.DEAD_LETTER_QUEUE);
    }

    @Test
    void anEventWhoseTransactionRolledBackNeverLeaves() {
        long rolledBack = newJobId();
        long committed = newJobId();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new JobScheduled(rolledBack, 7, TestJobs.newCnpj(), AT));
            tx.setRollbackOnly();
        });
        publish(new JobScheduled(committed, 7, TestJobs.newCnpj(), AT));

        awaitMessages(List.of(committed), 1);
        assertThat(publications(rolledBack)).isZero();
        assertThat(received).noneMatch(m -> m.body().get("jobId").asLong() == rolledBack);
    }

    @Test
    void eventsRaisedWhileTheBrokerIsUnreachableArriveWhenItIsBack() throws IOException {
        List<Long> jobs = LongStream.range(0, 5).map(i -> newJobId()).boxed().toList();
        Broker.proxy().cut();
        try {
            jobs.forEach(job -> publish(new JobScheduled(job, 7, TestJobs.newCnpj(), AT)));
            // Each send failed, and was retried at least once, while the broker was away.
            await().until(() -> jobs.stream().allMatch(job -> failedAndRetried(job)));
            assertThat(drain(jobs)).isEmpty();
        } finally {
            Broker.proxy().restore();
        }

        List<Received> messages = awaitMessages(jobs, 5);
        assertThat(messages).extracting(Received::routingKey).containsOnly("job.scheduled");
        await().until(() -> jobs.stream().allMatch(job -> incompletePublications(job) == 0));
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(tx -> events.publishEvent(event));
    }

    private static long newJobId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    private long publications(long job) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?")
                .param("%\"jobId\":" + job + ",%").query(Long.class).single();
    }

    private long incompletePublications(long job) {
        return jdbc.sql("""
                        SELECT count(*) FROM event_publication
                         WHERE serialized_event LIKE ? AND listener_id LIKE '%BrokerPublisher%' AND completion_date IS NULL""")
                .param("%\"jobId\":" + job + ",%").query(Long.class).single();
    }

    private boolean failedAndRetried(long job) {
        return jdbc.sql("""
                        SELECT count(*) FROM event_publication
                         WHERE serialized_event LIKE ? AND listener_id LIKE '%BrokerPublisher%'
                           AND completion_date IS NULL AND completion_attempts >= 1""")
                .param("%\"jobId\":" + job + ",%").query(Long.class).single() == 1;
    }

    private List<Received> awaitMessages(List<Long> jobs, int count) {
        return await().until(() -> drain(jobs), messages -> messages.size() >= count);
    }

    /** What arrived so far for these jobs (other tests' events share the exchange). */
    private List<Received> drain(List<Long> jobs) throws IOException {
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            received.add(new Received(response.getEnvelope().getRoutingKey(), JSON.readTree(response.getBody()),
                    response.getProps().getContentType(), response.getProps().getMessageId(),
                    Integer.valueOf(2).equals(response.getProps().getDeliveryMode())));
        }
        return received.stream().filter(m -> jobs.contains(m.body().get("jobId").asLong())).toList();
    }

    private static long jobIdOf(GetResponse response) {
        return JSON.readTree(response.getBody()).get("jobId").asLong();
    }

    private static Received only(List<Received> messages, String routingKey) {
        List<Received> matching = messages.stream().filter(m -> m.routingKey().equals(routingKey)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    record Received(String routingKey, JsonNode body, String contentType, String messageId, boolean persistent) {
    }
}

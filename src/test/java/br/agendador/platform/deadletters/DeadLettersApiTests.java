package br.agendador.platform.deadletters;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import br.agendador.jobs.JobStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestJobs;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/admin/dead-letters: each module's dead letters in one list, for administrators only. */
@IntegrationTest
class DeadLettersApiTests {

    /** Later than anything other tests leave behind, so these come first in the newest-first list. */
    private static final Instant FAILED_AT = Instant.parse("2099-01-02T03:04:05Z");

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApplicationContext context;

    private final List<Runnable> cleanUp = new ArrayList<>();
    private Session ana;
    private long job;
    private long mail;
    private String event;

    @BeforeEach
    void somethingOfEachKindWasGivenUpOn() {
        ana = api.newUser();
        TestJobs jobs = new TestJobs(context);
        job = jobs.finished(ana.userId(), TestJobs.newCnpj(), JobStatus.FAILED, FAILED_AT, "dead", null,
                "all providers failed: HTTP 503");
        jdbc.sql("UPDATE jobs SET attempt = 8 WHERE id = ?").param(job).update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM jobs WHERE id = ?").param(job).update());
        String key = "test:dead-letter:" + UUID.randomUUID();
        mail = jdbc.sql("""
                        INSERT INTO mail_outbox (message_key, message_id, user_id, recipient, recipient_name, subject,
                                                 text_body, created_at, delivery, attempts, last_error, failed_at)
                        VALUES (?, ?, ?, ?, 'Test User', 'Consulta concluída', 'texto', ?, 'FAILED', 5,
                                '550 5.1.1 mailbox unavailable', ?)
                        RETURNING id""")
                .params(key, "<" + UUID.randomUUID() + "@test>", ana.userId(), ana.email(),
                        Timestamp.from(FAILED_AT.minusSeconds(60)), Timestamp.from(FAILED_AT.minusSeconds(1)))
                .query(Long.class).single();
        cleanUp.add(() -> jdbc.sql("DELETE FROM mail_outbox WHERE id = ?").param(mail).update());
        // A listener that lives in no process: the periodic retry leaves the publication alone.
        UUID publication = UUID.randomUUID();
        event = publication.toString();
        jdbc.sql("""
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       status, completion_attempts, last_resubmission_date)
                        VALUES (?, 'br.agendador.gone.MissingListener.on(br.agendador.jobs.JobFailed)',
                                'br.agendador.jobs.JobFailed', ?, ?, 'FAILED', 3, ?)""")
                .params(publication, "{\"jobId\":" + job + ",\"userId\":" + ana.userId() + "}",
                        Timestamp.from(FAILED_AT.minusSeconds(120)), Timestamp.from(FAILED_AT.minusSeconds(2)))
                .update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(publication).update());
    }

    @AfterEach
    void forgetThem() {
        cleanUp.forEach(Runnable::run);
    }

    @Test
    void administratorsSeeJobsMailsAndEventsTheSystemGaveUpOnNewestFirst() {
        String admin = administrator().accessToken();
        Response response = api.get("/api/v1/admin/dead-letters?size=100", admin);
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> content = response.json().get("content").valueStream().toList();
        JsonNode failedJob = find(content, "JOB", Long.toString(job));
        JsonNode undelivered = find(content, "MAIL", Long.toString(mail));
        JsonNode unpublished = find(content, "EVENT", event);
        assertThat(content.indexOf(failedJob)).as("newest first")
                .isLessThan(content.indexOf(undelivered)).isLessThan(content.indexOf(unpublished));
        assertThat(content.indexOf(undelivered)).isLessThan(content.indexOf(unpublished));

        assertThat(failedJob.get("userId").asLong()).isEqualTo(ana.userId());
        assertThat(failedJob.get("error").asString()).isEqualTo("all providers failed: HTTP 503");
        assertThat(failedJob.get("attempts").asInt()).isEqualTo(8);
        assertThat(failedJob.get("failedAt").asString()).isEqualTo("2099-01-02T03:04:05Z");

        assertThat(undelivered.get("reference").asString()).startsWith("test:dead-letter:");
        assertThat(undelivered.get("userId").asLong()).isEqualTo(ana.userId());
        assertThat(undelivered.get("attempts").asInt()).isEqualTo(5);
        assertThat(undelivered.get("error").asString()).contains("550");

        assertThat(unpublished.get("userId").asLong()).isEqualTo(ana.userId());
        assertThat(unpublished.get("reference").asString()).isEqualTo("JobFailed → MissingListener.on");
        assertThat(unpublished.get("attempts").asInt()).isEqualTo(3);
        assertThat(unpublished.get("error").isNull()).isTrue();

        JsonNode page = response.json().get("page");
        assertThat(page.get("size").asInt()).isEqualTo(100);
        assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode firstThree = api.get("/api/v1/admin/dead-letters?size=3", admin).json().get("content");
        JsonNode secondOfOne = api.get("/api/v1/admin/dead-letters?size=1&page=1", admin).json().get("content");
        assertThat(secondOfOne.get(0)).as("pages of any size agree").isEqualTo(firstThree.get(1));
    }

    private static JsonNode find(List<JsonNode> content, String kind, String id) {
        return content.stream().filter(letter -> letter.get("kind").asString().equals(kind)
                        && letter.get("id").asString().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + id + " is not listed: " + content));
    }

    @Test
    void oneKindAtATime() {
        Response mails = api.get("/api/v1/admin/dead-letters?kind=mail&size=100", administrator().accessToken());
        assertThat(mails.status()).isEqualTo(200);
        assertThat(mails.json().get("content").valueStream().map(letter -> letter.get("kind").asString()))
                .containsOnly("MAIL");
        assertThat(mails.json().get("content").get(0).get("id").asString()).isEqualTo(Long.toString(mail));
    }

    @Test
    void badParametersAreProblemsAndOnlyAdministratorsGetIn() {
        String admin = administrator().accessToken();
        Response unknownKind = api.get("/api/v1/admin/dead-letters?kind=letters", admin);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.isProblem()).isTrue();
        assertThat(unknownKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(api.get("/api/v1/admin/dead-letters?size=0", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/dead-letters?page=-1", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/dead-letters?page=500&size=100", admin).status()).isEqualTo(400);

        Response user = api.get("/api/v1/admin/dead-letters", ana.accessToken());
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.isProblem()).isTrue();
        assertThat(api.get("/api/v1/admin/dead-letters", null).status()).isEqualTo(401);
    }

    private Session administrator() {
        return api.newAdministrator(accounts);
    }
}

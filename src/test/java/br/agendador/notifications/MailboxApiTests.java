package br.agendador.notifications;

import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without SMTP (this context has no spring.mail.host) every mail is kept in the in-app mailbox. */
@IntegrationTest
class MailboxApiTests {

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;
    TestJobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new TestJobs(context);
    }

    @Test
    void keepsBothMailsOfAJobNewestFirst() {
        Session ana = api.newUser();
        String cnpj = TestJobs.newCnpj();
        long job = jobs.schedule(ana.userId(), cnpj, "Fornecedor", Instant.parse("2026-03-10T14:55:00Z"));
        jobs.start(job, 1, Instant.parse("2026-03-10T15:00:00Z"));
        awaitMails(ana, 1);
        jobs.succeed(job, 1, Instant.parse("2026-03-10T15:00:04Z"), TestJobs.company(cnpj, "ACME LTDA",
                RegistrationStatus.ATIVA, List.of(new FieldChange("registrationStatus", "INAPTA", "ATIVA"))));

        JsonNode page = awaitMails(ana, 2);
        JsonNode finished = page.get("content").get(0);
        JsonNode started = page.get("content").get(1);
        assertThat(finished.get("subject").asString()).startsWith("ACME LTDA (").contains("1 alteração");
        assertThat(finished.get("text").asString()).contains("Situação cadastral: Ativa", "INAPTA -> ATIVA");
        assertThat(finished.get("html").asString()).contains("<html", "ACME LTDA");
        assertThat(finished.get("read").asBoolean()).isFalse();
        assertThat(finished.get("delivery").asString()).isEqualTo("IN_APP");
        assertThat(finished.get("createdAt").asString()).isNotBlank();
        assertThat(started.get("subject").asString()).isEqualTo("Consulta iniciada: CNPJ " + Cnpj.parse(cnpj).formatted());
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(2);
        assertThat(page.get("unread").asLong()).isEqualTo(2);
    }

    @Test
    void pagesMarksReadAndHidesOtherUsersMail() {
        Session ana = api.newUser();
        Session bia = api.newUser();
        long job = jobs.schedule(ana.userId(), TestJobs.newCnpj(), null, Instant.parse("2026-03-10T14:55:00Z"));
        jobs.start(job, 1, Instant.parse("2026-03-10T15:00:00Z"));
        awaitMails(ana, 1);
        jobs.fail(job, 1, Instant.parse("2026-03-10T15:01:00Z"), "all providers failed: timeout");
        awaitMails(ana, 2);

        JsonNode second = api.get("/api/v1/mailbox?page=1&size=1", ana.accessToken()).json();
        assertThat(second.get("content")).hasSize(1);
        assertThat(second.get("page").get("totalPages").asLong()).isEqualTo(2);
        long id = second.get("content").get(0).get("id").asLong();

        assertThat(api.post("/api/v1/mailbox/" + id + "/read", null, bia.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/mailbox/" + id, bia.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/mailbox", bia.accessToken()).json().get("content")).isEmpty();

        assertThat(api.post("/api/v1/mailbox/" + id + "/read", null, ana.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/mailbox/" + id, ana.accessToken()).json().get("read").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/mailbox", ana.accessToken()).json().get("unread").asLong()).isEqualTo(1);
    }

    @Test
    void refusesBadPagingAndAnonymousReaders() {
        Session ana = api.newUser();
        Response tooBig = api.get("/api/v1/mailbox?size=1000", ana.accessToken());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.isProblem()).isTrue();
        assertThat(tooBig.json().get("errors").findValuesAsString("field")).contains("size");
        assertThat(api.get("/api/v1/mailbox?page=-1", ana.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/mailbox?page=x", ana.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/mailbox/abc", ana.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/mailbox", null).status()).isEqualTo(401);
    }

    private JsonNode awaitMails(Session user, int count) {
        return await().until(() -> api.get("/api/v1/mailbox", user.accessToken()).json(),
                page -> page.get("content").size() == count);
    }
}

package br.agendador.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.SmtpIntegrationTest;
import br.agendador.support.SmtpServer;
import br.agendador.support.TestJobs;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A spreadsheet of CNPJs mails its owner twice (started, then one summary), not twice per row;
 * and each owner chooses which job mails they get at all. Sent by SMTP (GreenMail).
 */
@SmtpIntegrationTest
class BulkImportMailTests {

    static final Instant STARTED = Instant.parse("2026-03-10T15:00:00Z");

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    TestJobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new TestJobs(context);
    }

    @Test
    void aBulkImportMailsOnceWhenItStartsAndOnceWithTheSummaryWhenItsLastJobEnds() throws Exception {
        Session ana = api.newUser();
        List<String> cnpjs = List.of(TestJobs.newCnpj(), TestJobs.newCnpj(), TestJobs.newCnpj(), TestJobs.newCnpj());
        List<Long> ids = bulk(ana, cnpjs);

        jobs.start(ids.get(0), 1, STARTED);
        jobs.start(ids.get(1), 1, STARTED);
        MimeMessage started = awaitReceived(ana, 1).get(0);
        assertThat(started.getSubject()).isEqualTo("Importação em lote iniciada: 4 CNPJs");
        assertThat(JobMailTests.text(started)).contains("Começamos a consultar os 4 CNPJs",
                "você receberá um único resumo");

        jobs.succeed(ids.get(0), 1, STARTED.plusSeconds(1), TestJobs.company(cnpjs.get(0), "ACME LTDA",
                RegistrationStatus.INAPTA, List.of(new FieldChange("registrationStatus", "ATIVA", "INAPTA"))));
        jobs.notFound(ids.get(1), 1, STARTED.plusSeconds(2), "brasilapi: 404");
        jobs.start(ids.get(2), 1, STARTED.plusSeconds(3));
        jobs.succeed(ids.get(2), 1, STARTED.plusSeconds(4),
                TestJobs.company(cnpjs.get(2), "BETA LTDA", RegistrationStatus.ATIVA, List.of()));
        awaitNoEventsPending(ana);
        assertThat(keys(ana)).as("no per-job mails, and no summary while a job is still to run")
                .containsExactly(BulkImportMails.startedKey(bulkOf(ids.get(0))));

        jobs.start(ids.get(3), 1, STARTED.plusSeconds(5));
        jobs.fail(ids.get(3), 8, STARTED.plusSeconds(6), "every provider failed: brasilapi HTTP 503");
        MimeMessage summary = awaitReceived(ana, 2).get(1);
        assertThat(summary.getSubject())
                .isEqualTo("Importação em lote concluída: 4 consultas, 1 com alterações, 2 com problema");
        String text = JobMailTests.text(summary);
        assertThat(text).contains("Concluídas: 2", "com alterações desde a consulta anterior: 1",
                "CNPJ não encontrado: 1", "Falharam: 1", "Empresas com alterações",
                Cnpj.parse(cnpjs.get(0)).formatted() + " ACME LTDA", "Não encontradas ou com falha",
                Cnpj.parse(cnpjs.get(1)).formatted() + " (Não encontrado): brasilapi: 404",
                Cnpj.parse(cnpjs.get(3)).formatted() + " (Falhou): every provider failed")
                .doesNotContain(Cnpj.parse(cnpjs.get(2)).formatted());
        assertThat(JobMailTests.html(summary)).contains("ACME LTDA", "Empresas com alterações");

        awaitNoEventsPending(ana);
        assertThat(SmtpServer.receivedBy(ana.email())).hasSize(2);
    }

    @Test
    void aJobRetriedOnItsOwnLeavesItsImportAndMailsAsASingleJob() throws Exception {
        Session ana = api.newUser();
        List<Long> ids = bulk(ana, List.of(TestJobs.newCnpj()));
        long bulk = bulkOf(ids.get(0));
        jobs.start(ids.get(0), 1, STARTED);
        jobs.fail(ids.get(0), 8, STARTED.plusSeconds(1), "timeout");
        awaitReceived(ana, 2);

        Response retried = api.post("/api/v1/jobs/" + ids.get(0) + "/retry", null, ana.accessToken());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(bulkOf(ids.get(0))).isZero();
        jobs.start(ids.get(0), 9, STARTED.plusSeconds(60));
        assertThat(awaitReceived(ana, 3).get(2).getSubject()).startsWith("Consulta iniciada");
        assertThat(keys(ana)).containsExactlyInAnyOrder(BulkImportMails.startedKey(bulk), BulkImportMails.finishedKey(bulk),
                JobMails.startedKey(ids.get(0), 9));
    }

    @Test
    void cancelingTheLastScheduledJobOfAnImportSendsItsSummary() throws Exception {
        Session ana = api.newUser();
        List<Long> ids = bulk(ana, List.of(TestJobs.newCnpj(), TestJobs.newCnpj()));
        jobs.start(ids.get(0), 1, STARTED);
        jobs.succeed(ids.get(0), 1, STARTED.plusSeconds(1),
                TestJobs.company(jobs.cnpjOf(ids.get(0)), "ACME LTDA", RegistrationStatus.ATIVA, List.of()));
        awaitReceived(ana, 1);

        assertThat(api.delete("/api/v1/jobs/" + ids.get(1), ana.accessToken()).status()).isEqualTo(204);
        MimeMessage summary = awaitReceived(ana, 2).get(1);
        assertThat(summary.getSubject()).isEqualTo("Importação em lote concluída: 2 consultas");
        assertThat(JobMailTests.text(summary)).contains("Concluídas: 1", "Canceladas: 1", "Nenhuma falha e nenhuma alteração");
    }

    @Test
    void withFailuresAndChangesOnlyASingleJobMailsWhenItFailsOrChangedAndABulkOnlyAProblemSummary()
            throws Exception {
        Session bob = api.newUser();
        assertThat(api.patch("/api/v1/users/me", Map.of("jobMails", "FAILURES_AND_CHANGES", "locale", "en"),
                bob.accessToken()).json().get("jobMails").asString()).isEqualTo("FAILURES_AND_CHANGES");

        long quiet = jobs.schedule(bob.userId(), TestJobs.newCnpj(), null, STARTED);
        jobs.start(quiet, 1, STARTED);
        jobs.succeed(quiet, 1, STARTED.plusSeconds(1),
                TestJobs.company(jobs.cnpjOf(quiet), "QUIET LTDA", RegistrationStatus.ATIVA, List.of()));
        long changed = jobs.schedule(bob.userId(), TestJobs.newCnpj(), null, STARTED);
        jobs.start(changed, 1, STARTED);
        jobs.succeed(changed, 1, STARTED.plusSeconds(2), TestJobs.company(jobs.cnpjOf(changed), "MOVED LTDA",
                RegistrationStatus.ATIVA, List.of(new FieldChange("address.city", "Campinas", "Santos"))));
        long failed = jobs.schedule(bob.userId(), TestJobs.newCnpj(), null, STARTED);
        jobs.start(failed, 1, STARTED);
        jobs.fail(failed, 8, STARTED.plusSeconds(3), "timeout");

        List<Long> allFine = bulk(bob, List.of(TestJobs.newCnpj()));
        jobs.start(allFine.get(0), 1, STARTED);
        jobs.succeed(allFine.get(0), 1, STARTED.plusSeconds(4),
                TestJobs.company(jobs.cnpjOf(allFine.get(0)), "FINE LTDA", RegistrationStatus.ATIVA, List.of()));
        List<Long> withProblem = bulk(bob, List.of(TestJobs.newCnpj()));
        jobs.start(withProblem.get(0), 1, STARTED);
        jobs.notFound(withProblem.get(0), 1, STARTED.plusSeconds(5), "no such company");

        awaitReceived(bob, 3);
        awaitNoEventsPending(bob);
        assertThat(keys(bob)).containsExactlyInAnyOrder(JobMails.finishedKey(changed, 1), JobMails.finishedKey(failed, 8),
                BulkImportMails.finishedKey(bulkOf(withProblem.get(0))));
        assertThat(SmtpServer.receivedBy(bob.email())).extracting(JobMailTests::subject)
                .contains("Bulk import finished: 1 lookup, 1 with a problem");
    }

    @Test
    void withNoneNoJobMailIsWrittenButTheDailySummaryChoiceStaysItsOwn() {
        Session carla = api.newUser();
        Response response = api.patch("/api/v1/users/me", Map.of("jobMails", "NONE"), carla.accessToken());
        assertThat(response.json().get("jobMails").asString()).isEqualTo("NONE");
        assertThat(response.json().get("dailyDigest").asBoolean()).isTrue();

        long job = jobs.schedule(carla.userId(), TestJobs.newCnpj(), null, STARTED);
        jobs.start(job, 1, STARTED);
        jobs.fail(job, 8, STARTED.plusSeconds(1), "timeout");
        List<Long> ids = bulk(carla, List.of(TestJobs.newCnpj()));
        jobs.start(ids.get(0), 1, STARTED);
        jobs.fail(ids.get(0), 8, STARTED.plusSeconds(2), "timeout");
        awaitNoEventsPending(carla);
        assertThat(keys(carla)).isEmpty();
    }

    /** Uploads the CNPJs as one spreadsheet, due far in the future so only the test moves them. */
    private List<Long> bulk(Session user, List<String> cnpjs) {
        StringBuilder csv = new StringBuilder("cnpj,scheduledAt\n");
        cnpjs.forEach(cnpj -> csv.append(cnpj).append(",2099-01-01T00:00:00Z\n"));
        Response response = api.send("POST", "/api/v1/jobs/bulk", csv.toString(), "text/csv", user.accessToken(),
                Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return cnpjs.stream().map(cnpj -> jdbc.sql("SELECT id FROM jobs WHERE user_id = ? AND cnpj = ?")
                .params(user.userId(), cnpj).query(Long.class).single()).toList();
    }

    private long bulkOf(long jobId) {
        return jdbc.sql("SELECT coalesce(bulk_import_id, 0) FROM jobs WHERE id = ?").param(jobId).query(Long.class)
                .single();
    }

    private List<String> keys(Session user) {
        return jdbc.sql("SELECT message_key FROM mail_outbox WHERE user_id = ? ORDER BY id").param(user.userId())
                .query(String.class).list();
    }

    private List<MimeMessage> awaitReceived(Session user, int count) {
        return await().until(() -> SmtpServer.receivedBy(user.email()), mails -> mails.size() >= count);
    }

    /** Every listener of every event about the user's jobs has run (their mails are written by then). */
    private void awaitNoEventsPending(Session user) {
        await().until(() -> jdbc.sql("""
                        SELECT count(*) FROM event_publication
                         WHERE completion_date IS NULL AND serialized_event::jsonb ->> 'userId' = ?""")
                .param(String.valueOf(user.userId())).query(Long.class).single() == 0);
    }
}

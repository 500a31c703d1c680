package br.agendador.notifications;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.SmtpIntegrationTest;
import br.agendador.support.SmtpServer;
import br.agendador.support.TestJobs;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The two mails of a job, sent by SMTP (GreenMail), per outcome and language. */
@SmtpIntegrationTest
class JobMailTests {

    static final Instant SCHEDULED = Instant.parse("2026-03-10T14:55:00Z");
    static final Instant STARTED = Instant.parse("2026-03-10T15:00:00Z");
    static final Instant FINISHED = Instant.parse("2026-03-10T15:00:07Z");

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
    void startedThenFinishedWithTheCompanyAndWhatChangedInPortuguese() throws Exception {
        Session ana = api.newUser();
        String cnpj = TestJobs.newCnpj();
        String formatted = Cnpj.parse(cnpj).formatted();
        long job = jobs.schedule(ana.userId(), cnpj, "Fornecedor de software", SCHEDULED);

        jobs.start(job, 1, STARTED);
        MimeMessage started = awaitReceived(ana, 1).get(0);
        assertThat(started.getSubject()).isEqualTo("Consulta iniciada: CNPJ " + formatted);
        assertThat(text(started)).contains("Olá, Test User.", "Começamos a consultar o CNPJ " + formatted,
                "10/03/2026 às 12:00", "Identificação: Fornecedor de software", "Agendada para: 10/03/2026 às 11:55",
                "Horários no fuso America/Sao_Paulo");
        assertThat(html(started)).contains("Consulta iniciada", formatted, "Fornecedor de software");

        jobs.succeed(job, 1, FINISHED, TestJobs.company(cnpj, "ACME SOFTWARE LTDA", RegistrationStatus.ATIVA,
                List.of(new FieldChange("registrationStatus", "INAPTA", "ATIVA"),
                        new FieldChange("address.city", "Campinas", "São Paulo"))));
        MimeMessage finished = awaitReceived(ana, 2).get(1);
        assertThat(finished.getSubject())
                .isEqualTo("ACME SOFTWARE LTDA (" + formatted + "): 2 alterações desde a última consulta");
        assertThat(text(finished)).contains("terminou em 10/03/2026 às 12:00", "Razão social: ACME SOFTWARE LTDA",
                "Situação cadastral: Ativa, desde 03/11/2005",
                "Atividade principal: 6201-5/01 · Desenvolvimento de programas de computador sob encomenda",
                "Endereço: Avenida Paulista, 1000, Conjunto 101 · Bela Vista · São Paulo/SP · CEP 01310-100",
                "O que mudou desde a última consulta", "- Situação cadastral: INAPTA -> ATIVA",
                "- Município: Campinas -> São Paulo");
        assertThat(html(finished)).contains("<h1", "ACME SOFTWARE LTDA", "Campinas", "Município");
        assertThat(finished.getMessageID()).isNotEqualTo(started.getMessageID());
        assertThat(finished.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(finished.getFrom()[0].toString()).contains("nao-responda@agendador.local");
    }

    @Test
    void notFoundInEnglishWithTimesInTheReadersZone() throws Exception {
        Session bob = api.newUser();
        api.patch("/api/v1/users/me", Map.of("locale", "en", "timeZone", "America/Manaus", "name", "Bob"),
                bob.accessToken());
        String cnpj = TestJobs.newCnpj();
        String formatted = Cnpj.parse(cnpj).formatted();
        long job = jobs.schedule(bob.userId(), cnpj, null, SCHEDULED);

        jobs.start(job, 1, STARTED);
        MimeMessage started = awaitReceived(bob, 1).get(0);
        assertThat(started.getSubject()).isEqualTo("Lookup started: CNPJ " + formatted);
        assertThat(text(started)).contains("Hello Bob,", "Mar 10, 2026 at 11:00 AM", "America/Manaus")
                .doesNotContain("Label");
        assertThat(html(started)).contains("Lookup started", "Scheduled for").doesNotContain("Label");

        jobs.notFound(job, 1, FINISHED, "brasilapi: 404 CNPJ não encontrado");
        MimeMessage finished = awaitReceived(bob, 2).get(1);
        assertThat(finished.getSubject()).isEqualTo("CNPJ " + formatted + " not found at the Receita Federal");
        assertThat(text(finished)).contains("the Receita Federal has no company with this number",
                "What happened:", "brasilapi: 404 CNPJ não encontrado", "What to do:", "Check the number",
                "POST /api/v1/jobs/" + job + "/retry");
        assertThat(html(finished)).contains("CNPJ not found", "What to do");
    }

    @Test
    void failedSaysWhatHappenedAndWhatToDo() throws Exception {
        Session ana = api.newUser();
        String cnpj = TestJobs.newCnpj();
        long job = jobs.schedule(ana.userId(), cnpj, null, SCHEDULED);
        jobs.start(job, 1, STARTED);
        awaitReceived(ana, 1);
        jobs.fail(job, 8, FINISHED, "every provider failed: brasilapi timeout, minhareceita HTTP 503");

        MimeMessage failed = awaitReceived(ana, 2).get(1);
        assertThat(failed.getSubject()).isEqualTo("Não foi possível consultar o CNPJ " + Cnpj.parse(cnpj).formatted());
        assertThat(text(failed)).contains("O que aconteceu:", "brasilapi timeout, minhareceita HTTP 503",
                "O que fazer:", "Tente de novo em alguns minutos", "POST /api/v1/jobs/" + job + "/retry");
    }

    @Test
    void oneStartedMailPerRunAndOneMailPerEventHoweverOftenItArrives() throws Exception {
        Session ana = api.newUser();
        long job = jobs.schedule(ana.userId(), TestJobs.newCnpj(), null, SCHEDULED);

        jobs.start(job, 1, STARTED);
        jobs.start(job, 1, STARTED); // the same event delivered twice
        awaitReceived(ana, 1);
        jobs.start(job, 2, STARTED.plusSeconds(30)); // retried after a provider timeout: same run
        jobs.notFound(job, 2, FINISHED.plusSeconds(30), "no such company");
        awaitReceived(ana, 2);
        jobs.start(job, 3, STARTED.plusSeconds(600)); // the user retried: a new run
        awaitReceived(ana, 3);
        jobs.succeed(job, 3, FINISHED.plusSeconds(600),
                TestJobs.company("11222333000181", "ACME LTDA", RegistrationStatus.ATIVA, List.of()));
        awaitReceived(ana, 4);
        awaitAllSent(ana);

        List<String> subjects = SmtpServer.receivedBy(ana.email()).stream().map(JobMailTests::subject).toList();
        assertThat(subjects).hasSize(4);
        assertThat(subjects.get(0)).startsWith("Consulta iniciada");
        assertThat(subjects.get(1)).contains("não encontrado");
        assertThat(subjects.get(2)).startsWith("Consulta iniciada");
        assertThat(subjects.get(3)).isEqualTo("ACME LTDA (" + Cnpj.parse(jobs.cnpjOf(job)).formatted() + "): consulta concluída");
    }

    private List<MimeMessage> awaitReceived(Session user, int count) {
        return await().until(() -> SmtpServer.receivedBy(user.email()), mails -> mails.size() >= count);
    }

    private void awaitAllSent(Session user) {
        await().until(() -> jdbc.sql("SELECT count(*) FROM mail_outbox WHERE user_id = ? AND delivery <> 'SENT'")
                .param(user.userId()).query(Long.class).single() == 0);
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage message) throws MessagingException, IOException {
        return part(message, 0, "text/plain");
    }

    static String html(MimeMessage message) throws MessagingException, IOException {
        return part(message, 1, "text/html");
    }

    private static String part(MimeMessage message, int index, String type) throws MessagingException, IOException {
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        BodyPart part = ((MimeMultipart) message.getContent()).getBodyPart(index);
        assertThat(part.getContentType()).startsWith(type).contains("UTF-8");
        return (String) part.getContent();
    }
}

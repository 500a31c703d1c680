package br.agendador.notifications;

import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.RegistrationStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.SmtpIntegrationTest;
import br.agendador.support.SmtpServer;
import br.agendador.support.TestJobs;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mail server goes away and comes back: nothing is lost, nothing arrives twice. */
@SmtpIntegrationTest
class SmtpOutageTests {

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
    void mailsWrittenWhileTheServerIsDownArriveExactlyOnceWhenItIsBack() {
        Session ana = api.newUser();
        SmtpServer.proxy().cut();
        try {
            for (int i = 0; i < 3; i++) {
                String cnpj = TestJobs.newCnpj();
                long job = jobs.schedule(ana.userId(), cnpj, "lote " + i, Instant.parse("2026-03-10T14:55:00Z"));
                jobs.start(job, 1, Instant.parse("2026-03-10T15:00:00Z").plusSeconds(i));
                jobs.succeed(job, 1, Instant.parse("2026-03-10T15:00:30Z").plusSeconds(i),
                        TestJobs.company(cnpj, "EMPRESA " + i + " LTDA", RegistrationStatus.ATIVA, List.of()));
            }
            // Every mail written and tried at least once against the dead server.
            await().until(() -> jdbc.sql("""
                            SELECT count(*) FROM mail_outbox
                             WHERE user_id = ? AND delivery = 'PENDING' AND last_error IS NOT NULL""")
                    .param(ana.userId()).query(Long.class).single() == 6);
            assertThat(SmtpServer.receivedBy(ana.email())).isEmpty();
        } finally {
            SmtpServer.proxy().restore();
        }

        await().until(() -> jdbc.sql("SELECT count(*) FROM mail_outbox WHERE user_id = ? AND delivery = 'SENT'")
                .param(ana.userId()).query(Long.class).single() == 6);
        List<MimeMessage> received = SmtpServer.receivedBy(ana.email());
        assertThat(received).hasSize(6);
        assertThat(received.stream().map(SmtpOutageTests::messageId).distinct()).hasSize(6);
        assertThat(received.stream().map(JobMailTests::subject).filter(s -> s.startsWith("Consulta iniciada")))
                .hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outbox WHERE user_id = ? AND attempts > 0")
                .param(ana.userId()).query(Long.class).single()).as("an unreachable server is no refusal").isZero();
    }

    @Test
    void aMailSentAgainAfterASenderCrashIsTheSameMessage() {
        Session ana = api.newUser();
        long job = jobs.schedule(ana.userId(), TestJobs.newCnpj(), null, Instant.parse("2026-03-10T14:55:00Z"));
        jobs.start(job, 1, Instant.parse("2026-03-10T15:00:00Z"));
        await().until(() -> jdbc.sql("SELECT delivery FROM mail_outbox WHERE user_id = ?").param(ana.userId())
                .query(String.class).optional().orElse(""), "SENT"::equals);
        String messageId = jdbc.sql("SELECT message_id FROM mail_outbox WHERE user_id = ?").param(ana.userId())
                .query(String.class).single();

        // As if the sender had died after the server took the mail and before it could record that.
        jdbc.sql("UPDATE mail_outbox SET delivery = 'PENDING', sent_at = NULL, next_attempt_at = now() WHERE user_id = ?")
                .param(ana.userId()).update();

        List<MimeMessage> received = await().until(() -> SmtpServer.receivedBy(ana.email()), m -> m.size() == 2);
        assertThat(received).extracting(SmtpOutageTests::messageId).containsOnly(messageId);
        assertThat(messageId).startsWith("<job." + job + ".started.1.").endsWith("@agendador.local>");
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

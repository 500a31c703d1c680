package br.agendador.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.jobs.JobQueries;
import br.agendador.jobs.JobStatus;
import br.agendador.notifications.MailOutbox;
import br.agendador.notifications.MailTemplates;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import br.agendador.support.TestJobs;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily digest on a fake clock. The app's own scheduler loop runs too, on the same clock:
 * every assertion holds whoever writes a digest, which is the point of the exactly-once key.
 */
@IntegrationTest
class DailyDigestTests {

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    DailyDigests digests;
    @Autowired
    br.agendador.platform.background.BackgroundWork work;
    TestJobs jobs;

    @BeforeEach
    void setUp() {
        jobs = new TestJobs(context);
    }

    @Test
    void goesOutAtSevenPmInEachUsersOwnZone() {
        Session saoPaulo = user("America/Sao_Paulo", "pt-BR");
        Session manaus = user("America/Manaus", "pt-BR");
        Session lisbon = user("Europe/Lisbon", "en");
        for (Session user : List.of(saoPaulo, manaus, lisbon)) {
            succeeded(user, Instant.parse("2026-03-10T15:00:00Z"), "EMPRESA DE " + user.email().substring(5, 9));
        }

        runAt("2026-03-10T18:59:00Z");
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(0, 0, 0));
        runAt("2026-03-10T19:00:00Z"); // 19:00 in Lisbon, 16:00 in São Paulo
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(0, 0, 1));
        runAt("2026-03-10T21:59:00Z");
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(0, 0, 1));
        runAt("2026-03-10T22:00:00Z"); // 19:00 in São Paulo
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(1, 0, 1));
        runAt("2026-03-10T23:00:00Z"); // 19:00 in Manaus
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(1, 1, 1));
        runAt("2026-03-11T23:30:00Z"); // the next day: nothing new finished, nothing sent
        assertThat(digestDates(saoPaulo, manaus, lisbon)).isEqualTo(List.of(1, 1, 1));

        assertThat(digest(saoPaulo, "2026-03-10").subject()).isEqualTo("Resumo do dia 10/03/2026: 1 consulta");
        assertThat(digest(lisbon, "2026-03-10").subject()).isEqualTo("Daily summary for Mar 10, 2026: 1 lookup");
        assertThat(digest(manaus, "2026-03-10").text())
                .contains("terminaram entre 09/03/2026 às 19:00 e 10/03/2026 às 19:00", "11:00");
    }

    @Test
    void groupsTheDaysJobsByOutcomeWithCountsAndATable() {
        Session ana = user("America/Sao_Paulo", "pt-BR");
        Instant day = Instant.parse("2026-03-10T12:00:00Z");
        String changed = succeeded(ana, day, "ACME LTDA",
                new FieldChange("registrationStatus", "ATIVA", "INAPTA"));
        succeeded(ana, day.plusSeconds(60), "BETA SA");
        String missing = TestJobs.newCnpj();
        jobs.finished(ana.userId(), missing, JobStatus.NOT_FOUND, day.plusSeconds(120), "cliente novo", null,
                "not found");
        jobs.finished(ana.userId(), TestJobs.newCnpj(), JobStatus.FAILED, day.plusSeconds(180), null, null,
                "all providers failed: timeout");
        jobs.finished(ana.userId(), TestJobs.newCnpj(), JobStatus.CANCELED, day.plusSeconds(240), "desisti", null, null);
        // Finished before the previous digest (yesterday's) and after this one: not in it.
        succeeded(ana, Instant.parse("2026-03-09T21:59:00Z"), "ONTEM LTDA");
        succeeded(ana, Instant.parse("2026-03-10T22:00:00Z"), "AMANHA LTDA");

        runAt("2026-03-10T22:05:00Z");

        Digest digest = digest(ana, "2026-03-10");
        assertThat(digest.subject()).isEqualTo("Resumo do dia 10/03/2026: 5 consultas");
        assertThat(digest.text()).contains("5 consultas: 2 concluídas, 1 não encontrada, 1 com falha, 1 cancelada",
                "Concluídas (2)", "ACME LTDA: Ativa, 1 alteração", "BETA SA: Ativa, sem alterações",
                "Não encontradas na Receita Federal (1)", Cnpj.parse(missing).formatted() + "  cliente novo: CNPJ inexistente",
                "Com falha (1)", "all providers failed: timeout", "Canceladas (1)", "10/03 09:00", Cnpj.parse(changed).formatted())
                .doesNotContain("ONTEM", "AMANHA");
        assertThat(digest.html()).contains("Resumo do dia 10/03/2026", "ACME LTDA", "1 alteração", "Com falha");
    }

    @Test
    void eachJobIsReportedOnceAcrossTheDaylightSavingChange() {
        Session lisbon = user("Europe/Lisbon", "en");
        // 2026-03-28 19:00 in Lisbon is 19:00 UTC; 2026-03-29 19:00 (summer time) is 18:00 UTC.
        succeeded(lisbon, Instant.parse("2026-03-28T18:30:00Z"), "SABADO TARDE LTDA");
        succeeded(lisbon, Instant.parse("2026-03-28T19:30:00Z"), "SABADO NOITE LTDA");
        succeeded(lisbon, Instant.parse("2026-03-29T17:30:00Z"), "DOMINGO LTDA");
        succeeded(lisbon, Instant.parse("2026-03-29T18:30:00Z"), "DOMINGO NOITE LTDA");

        runAt("2026-03-28T19:01:00Z");
        runAt("2026-03-29T18:01:00Z");

        assertThat(digest(lisbon, "2026-03-28").text()).contains("SABADO TARDE").doesNotContain("SABADO NOITE", "DOMINGO");
        Digest sunday = digest(lisbon, "2026-03-29");
        assertThat(sunday.subject()).isEqualTo("Daily summary for Mar 29, 2026: 2 lookups");
        assertThat(sunday.text()).contains("SABADO NOITE", "DOMINGO LTDA").doesNotContain("SABADO TARDE", "DOMINGO NOITE");
    }

    @Test
    void aDigestTimeTheClocksSkipOrRepeatStillSendsOnce() {
        DailyDigests halfPastOne = digestsAt(LocalTime.of(1, 30));
        Session lisbon = user("Europe/Lisbon", "pt-BR");
        succeeded(lisbon, Instant.parse("2026-03-28T12:00:00Z"), "PRIMAVERA LTDA");
        succeeded(lisbon, Instant.parse("2026-10-24T12:00:00Z"), "OUTONO LTDA");

        // 01:30 does not exist on 2026-03-29 in Lisbon: due at 02:30 summer time (01:30 UTC).
        clock.set(Instant.parse("2026-03-29T01:29:00Z"));
        halfPastOne.runDuePass();
        assertThat(digestKeys(lisbon)).doesNotContain(key(lisbon, "2026-03-29"));
        clock.set(Instant.parse("2026-03-29T01:31:00Z"));
        halfPastOne.runDuePass();
        clock.set(Instant.parse("2026-03-29T02:31:00Z"));
        halfPastOne.runDuePass();
        assertThat(digestKeys(lisbon)).containsOnlyOnce(key(lisbon, "2026-03-29"));

        // 01:30 happens twice on 2026-10-25: the first one sends, the second one finds it sent.
        clock.set(Instant.parse("2026-10-25T00:31:00Z"));
        halfPastOne.runDuePass();
        clock.set(Instant.parse("2026-10-25T01:31:00Z"));
        halfPastOne.runDuePass();
        assertThat(digestKeys(lisbon)).containsOnlyOnce(key(lisbon, "2026-10-25"));
        assertThat(digest(lisbon, "2026-10-25").text()).contains("OUTONO LTDA");
    }

    @Test
    void twoSchedulersWriteOneDigestPerUser() throws Exception {
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Session user = user("America/Sao_Paulo", "pt-BR");
            succeeded(user, Instant.parse("2026-04-07T15:00:00Z"), "EMPRESA " + i + " LTDA");
            users.add(user);
        }
        DailyDigests other = digestsAt(LocalTime.of(19, 0));
        clock.set(Instant.parse("2026-04-07T22:10:00Z"));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<DailyDigests.Pass>> passes = List.of(digests::runDuePass, other::runDuePass);
            for (Future<DailyDigests.Pass> pass : pool.invokeAll(passes)) {
                pass.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (Session user : users) {
            assertThat(digestKeys(user)).containsExactly(key(user, "2026-04-07"));
            assertThat(jdbc.sql("SELECT jobs FROM digests WHERE user_id = ? AND local_date = DATE '2026-04-07'")
                    .param(user.userId()).query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aMissedDigestIsSentAtStartUpOnce() {
        Session ana = user("America/Sao_Paulo", "pt-BR");
        succeeded(ana, Instant.parse("2026-05-12T15:00:00Z"), "ATRASADA LTDA");
        // Down through 19:00 on 2026-05-12; back at 07:00 the next morning.
        clock.set(Instant.parse("2026-05-13T10:00:00Z"));

        DigestScheduler startingUp = new DigestScheduler(digests, settings(LocalTime.of(19, 0)), clock, work);
        startingUp.start();
        try {
            await().until(() -> digestKeys(ana), keys -> keys.contains(key(ana, "2026-05-12")));
        } finally {
            startingUp.stop();
        }
        runAt("2026-05-13T12:00:00Z");
        runAt("2026-05-13T22:01:00Z"); // that day's 19:00: nothing new to report
        assertThat(digestKeys(ana)).containsExactly(key(ana, "2026-05-12"));
        assertThat(digest(ana, "2026-05-12").text()).contains("ATRASADA LTDA");
    }

    @Test
    void skipsUsersWithNothingToReportOrWhoTurnedTheDigestOff() {
        Session idle = user("America/Sao_Paulo", "pt-BR");
        Session optedOut = user("America/Sao_Paulo", "pt-BR");
        api.patch("/api/v1/users/me", Map.of("dailyDigest", false), optedOut.accessToken());
        succeeded(optedOut, Instant.parse("2026-06-02T15:00:00Z"), "SILENCIO LTDA");

        runAt("2026-06-02T22:30:00Z");

        assertThat(digestKeys(idle)).isEmpty();
        assertThat(digestKeys(optedOut)).isEmpty();
        assertThat(jdbc.sql("SELECT jobs FROM digests WHERE user_id = ? AND local_date = DATE '2026-06-02'")
                .param(idle.userId()).query(Integer.class).single()).as("handled, nothing to say").isZero();
    }

    private void runAt(String instant) {
        clock.set(Instant.parse(instant));
        digests.runDuePass();
    }

    private Session user(String zone, String locale) {
        Session user = api.newUser();
        api.patch("/api/v1/users/me", Map.of("timeZone", zone, "locale", locale), user.accessToken());
        return user;
    }

    private String succeeded(Session user, Instant finishedAt, String company, FieldChange... changes) {
        String cnpj = TestJobs.newCnpj();
        jobs.finished(user.userId(), cnpj, JobStatus.SUCCEEDED, finishedAt, null,
                TestJobs.company(cnpj, company, RegistrationStatus.ATIVA, List.of(changes)), null);
        return cnpj;
    }

    private DailyDigests digestsAt(LocalTime time) {
        return new DailyDigests(context.getBean(UserAccounts.class), context.getBean(JobQueries.class),
                context.getBean(DigestRecords.class), context.getBean(MailTemplates.class),
                context.getBean(MailOutbox.class), context.getBean(TransactionTemplate.class), clock, settings(time));
    }

    private static DigestSettings settings(LocalTime time) {
        return new DigestSettings(time, Duration.ofMinutes(1), Duration.ofDays(35));
    }

    private static String key(Session user, String date) {
        return "digest:" + user.userId() + ":" + date;
    }

    private List<String> digestKeys(Session user) {
        return jdbc.sql("SELECT message_key FROM mail_outbox WHERE user_id = ? AND message_key LIKE 'digest:%' ORDER BY id")
                .param(user.userId()).query(String.class).list();
    }

    private List<Integer> digestDates(Session... users) {
        return java.util.Arrays.stream(users).map(u -> digestKeys(u).size()).toList();
    }

    private Digest digest(Session user, String date) {
        return jdbc.sql("SELECT subject, text_body, html_body FROM mail_outbox WHERE message_key = ?")
                .param(key(user, date))
                .query((rs, n) -> new Digest(rs.getString(1), rs.getString(2), rs.getString(3))).single();
    }

    record Digest(String subject, String text, String html) {
    }
}

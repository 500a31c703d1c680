package br.agendador.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import br.agendador.dispatch.JobFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.FormBrowser;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the job list does with every job its filters match, not just the page shown: "apply to all
 * N of this filter" and the downloads, over real HTTP with the session and CSRF a browser has.
 */
@IntegrationTest
class AllMatchingJobsPagesTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    private Session ana;
    private FormBrowser browser;

    @BeforeEach
    void anaWithThirtyJobsAndTwoOthers() throws Exception {
        String email = "acoes-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ana = api.newUser(email);
        StringBuilder csv = new StringBuilder("cnpj,scheduledAt,label\n");
        for (int i = 0; i < 32; i++) {
            csv.append(JobFixtures.cnpj(i + 1).value()).append(",2099-12-01T09:30:00-03:00,").append(i < 30 ? "Lote de dezembro" : "Outro")
                    .append('\n');
        }
        Response created = api.send("POST", "/api/v1/jobs/bulk", csv.toString(), "text/csv", ana.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        browser = new FormBrowser(api.baseUrl());
        browser.signIn(email, Api.PASSWORD, false);
    }

    @Test
    void confirmsWithTheCountThenCancelsEveryJobOfTheFilter() throws Exception {
        HttpResponse<String> list = browser.get("/jobs?q=lote");
        assertThat(list.body()).contains("Aplicar aos 30 deste filtro");

        HttpResponse<String> confirm = browser.get("/jobs/actions?action=cancel&q=lote");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("30 dos 30 agendamentos deste filtro serão cancelados.", "Cancelar 30 agendamentos");
        assertThat(scheduled()).as("asking changes nothing").isEqualTo(32);

        HttpResponse<String> done = browser.post("/jobs/actions", Map.of("_csrf", FormBrowser.csrf(confirm.body()),
                "action", "cancel", "q", "lote", "cnpj", "", "from", "", "to", ""));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/jobs?q=lote"));
        assertThat(browser.get("/jobs?q=lote").body()).contains("30 agendamentos cancelados; 0 ficaram como estavam.");
        assertThat(scheduled()).as("the two jobs outside the filter").isEqualTo(2);
    }

    @Test
    void aTimeInThePastIsRefusedOnThePageAndChangesNothing() throws Exception {
        HttpResponse<String> confirm = browser.get("/jobs/actions?action=reschedule&q=lote");
        assertThat(confirm.body()).contains("ainda não começaram e passam para o horário abaixo", "type=\"date\"");

        HttpResponse<String> refused = browser.post("/jobs/actions", Map.of("_csrf", FormBrowser.csrf(confirm.body()),
                "action", "reschedule", "q", "lote", "date", "2001-01-01", "time", "10:00"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Escolha uma data e um horário que ainda não passaram.");
        assertThat(jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND scheduled_at < '2099-01-01'")
                .param(ana.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void withoutTheCsrfTokenNothingHappens() throws Exception {
        HttpResponse<String> forged = browser.post("/jobs/actions", Map.of("action", "cancel", "q", "lote"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(scheduled()).isEqualTo(32);
    }

    @Test
    void theListDownloadsEveryMatchingJobAsCsvOrXlsx() throws Exception {
        String list = browser.get("/jobs?q=lote").body();
        assertThat(list).contains("href=\"/jobs/export.csv?q=lote\"", "href=\"/jobs/export.xlsx?q=lote\"");

        HttpResponse<String> csv = browser.get("/jobs/export.csv?q=lote");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(".csv"));
        assertThat(csv.body().lines()).as("a header and the 30 jobs of the filter, on every page").hasSize(31);
        assertThat(csv.body()).contains("Lote de dezembro", "2099-12-01 09:30:00").doesNotContain("Outro");
        assertThat(browser.get("/jobs/export.xlsx?q=lote").statusCode()).isEqualTo(200);
    }

    private long scheduled() {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SCHEDULED'").param(ana.userId())
                .query(Long.class).single();
    }
}

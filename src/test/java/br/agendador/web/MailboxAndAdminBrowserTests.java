package br.agendador.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.DispatchDriver;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestJobs;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailbox and the administrators' area in a real browser: the mails of a job that really
 * ran, opened safely; provider health, dead letters and everyone's jobs for an administrator,
 * and the door closed to everyone else. Screenshots go to target/screenshots/.
 */
class MailboxAndAdminBrowserTests extends BrowserTest {

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    UserAccounts accounts;

    @Test
    void theMailboxShowsAJobsStartAndEndMailsAndOpensOneSafely() {
        Session ana = api.newUser(unique("mailbox"));
        String cnpj = TestJobs.newCnpj();
        String formatted = Cnpj.parse(cnpj).formatted();
        lookup.script(Cnpj.parse(cnpj), ScriptedCompanyLookup.found());
        long job = api.post("/api/v1/jobs", Map.of("cnpj", cnpj, "label", "Caixa de e-mails", "priority", 5),
                ana.accessToken()).json().get("id").asLong();
        run(ana, job);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/mailbox", ana.accessToken()).json().get("page").get("totalElements").asInt() == 2);

        signIn(ana.email());
        browser.click("#main-menu a[href='/mailbox']");
        browser.waitForText("h1", "Caixa de e-mails");
        assertThat(browser.find("main").getText()).contains("2 e-mails, 2 não lidos.", "Consulta iniciada: CNPJ " + formatted);
        assertThat(browser.driver.findElements(By.cssSelector("#mailbox .mail-unread"))).hasSize(2);
        browser.screenshot("mailbox");

        browser.click("#mailbox .list-group-item:last-child a");
        browser.waitForText("h1", "Consulta iniciada: CNPJ " + formatted);
        assertThat(browser.find("#mail-html").getAttribute("sandbox")).doesNotContain("allow-scripts", "allow-same-origin");
        browser.driver.switchTo().frame(browser.find("#mail-html"));
        browser.waitForText("body", formatted);
        assertThat(browser.find("body").getText()).contains("Caixa de e-mails");
        browser.driver.switchTo().defaultContent();
        browser.click("#mail-text summary");
        browser.waitForText("#mail-text pre", formatted);
        browser.screenshot("mailbox-mail");

        browser.click("main nav a[href='/mailbox']");
        browser.waitForText("main", "2 e-mails, 1 não lidos.");
        browser.click("#mailbox .mail-unread button[type=submit]");
        browser.waitForText("main", "Caixa de e-mails");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#mailbox .mail-unread")).isEmpty());
    }

    @Test
    void administratorsSeeProviderHealthDeadLettersAndEveryonesJobsOthersAreRefused() {
        Session bia = api.newUser(unique("dead"));
        String cnpj = TestJobs.newCnpj();
        lookup.script(Cnpj.parse(cnpj), ScriptedCompanyLookup.permanentFailure("Receita recusou o CNPJ"));
        long failed = api.post("/api/v1/jobs", Map.of("cnpj", cnpj, "priority", 5), bia.accessToken()).json()
                .get("id").asLong();
        assertThat(run(bia, failed)).isEqualTo("FAILED");
        String admin = unique("admin");
        accounts.ensureAdministrator(admin, Api.PASSWORD);

        signIn(admin);
        browser.click("#main-menu a[href='/admin']");
        browser.waitForText("h1", "Administração");
        assertThat(browser.find("#providers").getText()).contains("brasilapi", "receitaws", "Fechado");
        assertThat(browser.find("#dead-JOB-" + failed).getText()).contains(bia.email(), "Receita recusou o CNPJ");
        browser.screenshot("admin");

        browser.click("#dead-JOB-" + failed + " a");
        browser.waitForText("#admin-jobs", Cnpj.parse(cnpj).formatted());
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo(bia.email());
        assertThat(browser.find("#admin-job-" + failed).getText()).contains("Com falha");
        browser.screenshot("admin-jobs");

        browser.forgetEverything();
        signIn(bia.email());
        assertThat(browser.driver.findElements(By.cssSelector("#main-menu a[href='/admin']")))
                .as("no admin link for users").isEmpty();
        browser.open("/admin");
        browser.waitForText("h1", "Acesso negado");
        browser.open("/admin/jobs");
        browser.waitForText("h1", "Acesso negado");
        assertThat(browser.find("main").getText()).doesNotContain(cnpj);
    }

    /** Due passes until the job has run (the highest priority goes first); its final status. */
    private String run(Session owner, long job) {
        DispatchDriver dispatcher = DispatchDriver.of(context);
        // On this thread: a pass abandoned by a timeout would leave its jobs RUNNING.
        return await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            dispatcher.runDueJobs();
            return api.get("/api/v1/jobs/" + job, owner.accessToken()).json().get("status").asString();
        }, status -> !status.equals("SCHEDULED") && !status.equals("RUNNING"));
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}

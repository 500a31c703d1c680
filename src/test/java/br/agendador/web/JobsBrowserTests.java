package br.agendador.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.dispatch.DispatchDriver;
import br.agendador.dispatch.JobFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.ScriptedCompanyLookup;
import br.agendador.support.TestJobs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static br.agendador.support.ScriptedCompanyLookup.found;
import static br.agendador.support.ScriptedCompanyLookup.permanentFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's jobs in a real browser (headless Chromium): scheduling one with the form, finding
 * it in the list, changing it, watching it run and finish without reloading, reading the company
 * and what changed since the last lookup, canceling after a confirmation, retrying a failure; and
 * never seeing someone else's job. The dispatcher runs on demand ({@link DispatchDriver}) with the
 * lookups scripted. Screenshots of every job page go to target/screenshots/.
 */
class JobsBrowserTests extends BrowserTest {

    @Autowired
    Api api;
    @Autowired
    DispatchDriver dispatch;
    @Autowired
    ScriptedCompanyLookup lookup;
    @Autowired
    DataSource dataSource;

    JobFixtures fixtures;

    @BeforeEach
    void newVisitorAndAnEmptyQueue() {
        fixtures = new JobFixtures(dataSource);
        // Only this test's jobs come due: the database is shared with every other test class.
        fixtures.clearQueue();
    }

    @Test
    void schedulesChangesRunsAndShowsTheCompanyAndWhatChanged() {
        String cnpj = TestJobs.newCnpj();
        String formatted = new Cnpj(cnpj).formatted();
        lookup.script(new Cnpj(cnpj), found(WebJobFixtures.company(cnpj, RegistrationStatus.ATIVA, "Avenida Paulista",
                        List.of())),
                found(WebJobFixtures.company(cnpj, RegistrationStatus.INAPTA, "Rua Augusta", List.of(
                        new FieldChange("registrationStatus", "ATIVA", "INAPTA"),
                        new FieldChange("address.street", "Avenida Paulista", "Rua Augusta")))));
        signUpAndSignIn("Bia Agendadora");

        browser.open("/jobs");
        browser.waitForText("#jobs-empty", "Você ainda não tem agendamentos");
        browser.click("#jobs-empty a[href='/jobs/new']");
        browser.waitForText("h1", "Agendar consulta");
        ZonedDateTime inAMoment = ZonedDateTime.now(ZoneId.of(Browser.BROWSER_TIME_ZONE));
        assertThat(browser.find("#date").getAttribute("value")).as("today, in the browser's zone")
                .isIn(inAMoment.toLocalDate().toString(), inAMoment.plusMinutes(3).toLocalDate().toString());
        assertThat(new Select(browser.find("#priority")).getFirstSelectedOption().getAttribute("value")).isEqualTo("3");
        browser.type("#cnpj", cnpj.substring(0, 13) + (cnpj.charAt(13) == '9' ? '0' : (char) (cnpj.charAt(13) + 1)));
        browser.waitForText("#cnpj-feedback", "Os dígitos verificadores não conferem.");
        browser.type("#cnpj", cnpj);
        assertThat(browser.find("#cnpj").getAttribute("value")).as("masked as typed").isEqualTo(formatted);
        browser.type("#label", "Fornecedor de parafusos");
        screenshotFromTop("job-new");
        browser.click("#job-submit");
        browser.waitForText("#job-notice", "Consulta agendada.");
        long id = Long.parseLong(browser.path().substring("/jobs/".length()));
        assertThat(browser.find("#job-live").getAttribute("data-status")).isEqualTo("SCHEDULED");
        assertThat(fixtures.row(id).scheduledAt()).as("a minute or two from now")
                .isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(180));

        browser.open("/jobs");
        browser.waitForText("#job-" + id, formatted);
        assertThat(browser.find("#job-" + id).getText()).contains("Fornecedor de parafusos", "Agendado");
        browser.type("#filter-q", "parafusos");
        browser.waitUntil(driver -> browser.path().equals("/jobs?q=parafusos"));
        browser.waitForText("#jobs-count", "1 agendamento");
        screenshotFromTop("jobs-list");

        browser.click("#job-" + id + " .job-edit");
        browser.waitForText("h1", "Alterar agendamento");
        ZonedDateTime later = ZonedDateTime.now(ZoneId.of(Browser.BROWSER_TIME_ZONE)).plusHours(2)
                .truncatedTo(ChronoUnit.MINUTES);
        setValue("#date", later.toLocalDate().toString());
        setValue("#time", later.toLocalTime().toString());
        new Select(browser.find("#priority")).selectByValue("5");
        browser.type("#label", "Fornecedor de parafusos (revisado)");
        screenshotFromTop("job-edit");
        browser.click("#job-submit");
        browser.waitForText("#job-notice", "Alterações salvas.");
        assertThat(browser.find("#job-label").getText()).isEqualTo("Fornecedor de parafusos (revisado)");
        assertThat(browser.find("#job-priority").getText()).isEqualTo("P5");
        assertThat(fixtures.row(id).scheduledAt()).isEqualTo(later.toInstant());
        assertThat(browser.find("#moment-scheduled").getText()).contains(String.valueOf(later.getHour()));

        // The list, open, sees the job run and finish without a reload.
        browser.open("/jobs");
        browser.waitForText("#job-" + id, "Agendado");
        markPage();
        fixtures.makeDue(id);
        assertThat(dispatch.runDueJobs()).containsExactly(id);
        waitForStatus("#job-" + id, "SUCCEEDED");
        assertThat(browser.find("#job-" + id).getText()).contains("Concluído");
        assertThat(pageWasNotReloaded()).isTrue();

        browser.click("#job-" + id + " .job-open");
        browser.waitForText("#company", "ACME Comércio de Parafusos Ltda");
        assertThat(browser.find("#company").getText()).contains("ACME Parafusos", "ATIVA", "12 de abril de 1999",
                "4672-9/00 · Comércio atacadista de ferragens e ferramentas", "Avenida Paulista, 1000", "01310-100",
                "(11) 3000-0000", "contato@acme.com.br", "R$", "150.000,00", "Maria Souza", "Optante",
                "Fonte: brasilapi");
        assertThat(browser.driver.findElements(By.cssSelector("#company-changes"))).as("a first lookup").isEmpty();
        assertThat(browser.find("#attempts-table").getText()).contains("Empresa encontrada");
        screenshotFromTop("job-detail");

        // Again, later: the company has changed, and the open page shows how.
        browser.click("#job-again");
        browser.waitForText("h1", "Agendar consulta");
        assertThat(browser.find("#cnpj").getAttribute("value")).isEqualTo(formatted);
        browser.click("#job-submit");
        browser.waitForText("#job-notice", "Consulta agendada.");
        long second = Long.parseLong(browser.path().substring("/jobs/".length()));
        markPage();
        fixtures.makeDue(second);
        assertThat(dispatch.runDueJobs()).containsExactly(second);
        waitForStatus("#job-live", "SUCCEEDED");
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(browser.find("#company-changes").getText()).contains("2 campos mudaram", "Situação cadastral",
                "ATIVA", "INAPTA", "Logradouro", "Rua Augusta");
        assertThat(browser.find(".company-changed[data-field='registrationStatus']").getText())
                .contains("INAPTA", "Mudou");
        assertThat(browser.find(".company-changed[data-field='address']").getText()).contains("Rua Augusta");
        screenshotFromTop("job-detail-changes");

        browser.resize(Browser.PHONE);
        browser.open("/jobs");
        browser.script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'});",
                browser.find("#job-results"));
        browser.screenshot("jobs-list-phone");
        Number overflow = (Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue()).as("no sideways scrolling on a phone; too wide: %s", browser.script("""
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');"""))
                .isLessThanOrEqualTo(0);
    }

    @Test
    void cancelsAfterAskingAndRetriesAFailedLookup() {
        Session carla = api.newUser(unique("carla"));
        String later = TestJobs.newCnpj();
        String failing = TestJobs.newCnpj();
        lookup.script(new Cnpj(failing), permanentFailure("receitaws: HTTP 400 CNPJ rejeitado"),
                found(WebJobFixtures.company(failing, RegistrationStatus.ATIVA, "Avenida Paulista", List.of())));
        long waiting = createJob(carla, later, ZonedDateTime.now().plusDays(1).toOffsetDateTime().toString());
        long failed = createJob(carla, failing, null);
        fixtures.makeDue(failed);
        assertThat(dispatch.runDueJobs()).containsExactly(failed);
        signIn(carla.email());

        browser.open("/jobs/" + waiting);
        browser.click("#job-cancel");
        browser.waitForText("h1", "Cancelar este agendamento?");
        screenshotFromTop("job-cancel");
        browser.click("#keep-job");
        browser.waitForText("#job-live", "Agendado");
        browser.click("#job-cancel");
        browser.click("#confirm-cancel");
        browser.waitForText("#job-notice", "Agendamento cancelado.");
        assertThat(browser.find("#job-live").getAttribute("data-status")).isEqualTo("CANCELED");
        assertThat(browser.driver.findElements(By.cssSelector("#job-edit, #job-cancel"))).isEmpty();

        browser.open("/jobs/" + failed);
        browser.waitForText("#job-problem", "A consulta falhou");
        assertThat(browser.find("#job-problem").getText()).contains("receitaws: HTTP 400 CNPJ rejeitado");
        screenshotFromTop("job-failed");
        browser.click("#job-retry");
        browser.waitForText("#job-notice", "Consulta agendada de novo");
        markPage();
        fixtures.makeDue(failed);
        assertThat(dispatch.runDueJobs()).containsExactly(failed);
        waitForStatus("#job-live", "SUCCEEDED");
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(browser.find("#attempts-table").getText()).contains("Falhou", "Empresa encontrada");
    }

    @Test
    void someoneElsesJobIsNotFound() {
        Session owner = api.newUser(unique("dono"));
        long job = createJob(owner, TestJobs.newCnpj(), null);
        Session other = api.newUser(unique("outra"));
        signIn(other.email());
        for (String page : List.of("/jobs/" + job, "/jobs/" + job + "/edit", "/jobs/" + job + "/cancel")) {
            browser.open(page);
            browser.waitForText("h1", "Página não encontrada");
        }
        browser.open("/jobs");
        browser.find("#jobs-empty");
        assertThat(browser.driver.findElements(By.id("job-" + job))).isEmpty();
    }

    private void signUpAndSignIn(String name) {
        String email = unique("bia");
        browser.open("/signup");
        browser.type("#name", name);
        browser.type("#email", email);
        browser.type("#password", Api.PASSWORD);
        browser.click("#sign-up-form button[type=submit]");
        browser.waitForText("#registered-message", "Conta criada!");
        browser.type("#password", Api.PASSWORD);
        browser.click("main form button[type=submit]");
        browser.waitForText("h1", "Olá, " + name + "!");
    }

    private long createJob(Session owner, String cnpj, @Nullable String scheduledAt) {
        Map<String, Object> body = scheduledAt == null ? Map.of("cnpj", cnpj)
                : Map.of("cnpj", cnpj, "scheduledAt", scheduledAt);
        Api.Response created = api.post("/api/v1/jobs", body, owner.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** Sets a date or time input the way a picker does (typing into them depends on the browser's locale). */
    private void setValue(String css, String value) {
        browser.script("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", browser.find(css), value);
    }

    /** Waits for the element's data-status, read afresh each time as htmx swaps the element. */
    private void waitForStatus(String css, String status) {
        browser.waitUntil(driver -> status.equals(browser.script(
                "const e = document.querySelector(arguments[0]); return e && e.dataset.status;", css)));
    }

    private void screenshotFromTop(String name) {
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot(name);
    }

    private void markPage() {
        browser.script("window.stillThisPage = true;");
    }

    private boolean pageWasNotReloaded() {
        return Boolean.TRUE.equals(browser.script("return window.stillThisPage === true;"));
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}

package br.agendador.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobStatus;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.TestClock;
import br.agendador.support.TestJobs;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planning pages in a real browser: a bulk import with good and bad lines, the calendar
 * (colours, opening a job, rescheduling by drag and drop, refused moves) and the dashboard.
 * Screenshots go to target/screenshots/.
 */
class JobPagesBrowserTests extends BrowserTest {

    /** A Tuesday, 12:00 in São Paulo: March 2030 is the month the calendar opens on. */
    private static final Instant NOW = Instant.parse("2030-03-12T15:00:00Z");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    ApplicationContext context;

    @Test
    void aBulkImportShowsProgressThenReportsTheBadLinesAndSchedulesTheGoodOnes() throws IOException {
        Session ana = api.newUser(unique("bulk"));
        String first = TestJobs.newCnpj();
        String second = TestJobs.newCnpj();
        // Tomorrow, not now: jobs due now would be run by other tests' dispatcher passes.
        String tomorrow = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(1).withNano(0).toString();
        Path file = Files.createTempFile("cnpjs-", ".csv");
        Files.writeString(file, String.join("\n", "cnpj,scheduledAt,priority,label",
                Cnpj.parse(first).formatted() + "," + tomorrow + ",4,Fornecedor A",
                "123," + tomorrow + ",,curto demais",
                first + "," + tomorrow + ",,repetido",
                second + "," + tomorrow + ",9,prioridade errada",
                second + "," + tomorrow + ",5,Fornecedor B",
                ""), StandardCharsets.UTF_8);

        signIn(ana.email());
        browser.open("/");
        browser.click("#dashboard-bulk");
        browser.waitForText("h1", "Importar consultas");
        // htmx marks the indicator while the request runs; remember it, however quick the upload.
        browser.script("""
                const progress = document.getElementById('bulk-progress');
                window.progressShown = false;
                new MutationObserver(() => {
                  if (progress.classList.contains('htmx-request')) { window.progressShown = true; }
                }).observe(progress, {attributes: true});""");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.click("#bulk-form button[type=submit]");

        browser.waitForText("#bulk-created", "Consultas agendadas: 2.");
        assertThat(browser.script("return window.progressShown;")).as("the progress indicator was shown").isEqualTo(true);
        assertThat(browser.path()).as("the report came in place").isEqualTo("/jobs/bulk");
        assertThat(browser.find("#bulk-created").getText()).contains("Linhas não importadas: 3.");
        assertThat(browser.find("#bulk-line-3").getText()).contains("123", "O CNPJ tem 14 caracteres");
        assertThat(browser.find("#bulk-line-4").getText()).contains("Repete o CNPJ da linha 2.");
        assertThat(browser.find("#bulk-line-5").getText()).contains("A prioridade vai de 1 (mais baixa) a 5 (mais alta), não 9.");
        assertThat(browser.driver.findElements(By.cssSelector("#bulk-line-2, #bulk-line-6"))).isEmpty();
        browser.script("document.getElementById('bulk-result').scrollIntoView({block: 'start', behavior: 'instant'});");
        browser.screenshot("bulk-result");

        JsonNode listed = api.get("/api/v1/jobs?size=100", ana.accessToken()).json().get("content");
        assertThat(listed.valueStream().map(job -> job.get("cnpj").asString())).containsExactlyInAnyOrder(first, second);

        browser.click("#bulk-result a[href='/calendar']");
        browser.click(".fc-timeGridWeek-button");
        if (LocalDate.now(ZoneOffset.ofHours(-3)).getDayOfWeek() == DayOfWeek.SATURDAY) {
            browser.click(".fc-next-button"); // weeks start on Sunday in Portuguese: tomorrow is next week
        }
        browser.waitForText("#calendar-list", Cnpj.parse(first).formatted());
        assertThat(browser.find("#calendar-list").getText()).contains(Cnpj.parse(second).formatted(), "Fornecedor B");

        // The same file again: nothing new, each line says its job is already scheduled.
        browser.open("/jobs/bulk");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.click("#bulk-form button[type=submit]");
        browser.waitForText("#bulk-created", "Consultas agendadas: 0.");
        assertThat(browser.find("#bulk-line-2").getText()).contains("Já existe uma consulta agendada para este CNPJ");
    }

    @Test
    void theCalendarColoursJobsOpensThemAndReschedulesOnlyScheduledOnesByDragAndDrop() {
        clock.set(NOW);
        Session ana = api.newUser(unique("calendar"));
        long scheduled = api.post("/api/v1/jobs", Map.of("cnpj", TestJobs.newCnpj(), "label", "Arrastável",
                "scheduledAt", "2030-03-14T10:00:00-03:00"), ana.accessToken()).json().get("id").asLong();
        long succeeded = new TestJobs(context).finished(ana.userId(), TestJobs.newCnpj(), JobStatus.SUCCEEDED,
                Instant.parse("2030-03-15T13:02:00Z"), "Concluída", null, null);

        signIn(ana.email());
        browser.open("/calendar");
        browser.waitForText(".fc-toolbar-title", "março de 2030");
        WebElement event = browser.find("td[data-date='2030-03-14'] .fc-event[data-job-id='" + scheduled + "']");
        assertThat(event.getText()).contains("Arrastável");
        assertThat(event.getCssValue("background-color")).as("scheduled is blue").isEqualTo("rgba(13, 110, 253, 1)");
        WebElement done = browser.find("td[data-date='2030-03-15'] .fc-event[data-job-id='" + succeeded + "']");
        assertThat(done.getCssValue("background-color")).as("succeeded is green").isEqualTo("rgba(25, 135, 84, 1)");
        assertThat(browser.find("#calendar-list").getText()).contains("Arrastável", "Concluída", "Agendados", "Concluídos");
        browser.screenshot("calendar-month");

        drag(event, "2030-03-19");
        browser.waitForText("#calendar-message", "Consulta reagendada.");
        assertThat(scheduledAt(ana, scheduled)).as("same time of day, five days later").isEqualTo("2030-03-19T13:00:00Z");
        browser.find("td[data-date='2030-03-19'] .fc-event[data-job-id='" + scheduled + "']");

        drag(browser.find(".fc-event[data-job-id='" + scheduled + "']"), "2030-03-05");
        browser.waitForText("#calendar-message", "Não é possível reagendar para o passado.");
        browser.find("td[data-date='2030-03-19'] .fc-event[data-job-id='" + scheduled + "']");
        assertThat(scheduledAt(ana, scheduled)).as("a move into the past is refused").isEqualTo("2030-03-19T13:00:00Z");

        drag(browser.find(".fc-event[data-job-id='" + succeeded + "']"), "2030-03-20");
        browser.find("td[data-date='2030-03-15'] .fc-event[data-job-id='" + succeeded + "']");
        assertThat(browser.driver.findElements(By.cssSelector("td[data-date='2030-03-20'] .fc-event"))).isEmpty();
        assertThat(scheduledAt(ana, succeeded)).as("a finished job does not move").isEqualTo("2030-03-15T13:00:00Z");

        browser.click(".fc-timeGridWeek-button");
        browser.find(".fc-timeGridWeek-view .fc-event[data-job-id='" + succeeded + "']");
        browser.screenshot("calendar-week");

        browser.click(".fc-event[data-job-id='" + succeeded + "']");
        browser.waitForPath("/jobs/" + succeeded);
    }

    @Test
    void theDashboardCountsJobsPerStatusAndDrawsTheChart() {
        Session ana = api.newUser(unique("dashboard"));
        TestJobs jobs = new TestJobs(context);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/jobs", Map.of("cnpj", TestJobs.newCnpj(), "label", "Próxima " + i,
                    "scheduledAt", Instant.now().plus(Duration.ofDays(2 + i)).toString()), ana.accessToken());
        }
        jobs.finished(ana.userId(), TestJobs.newCnpj(), JobStatus.SUCCEEDED, Instant.now().minus(Duration.ofDays(1)),
                "Concluída ontem", null, null);
        jobs.finished(ana.userId(), TestJobs.newCnpj(), JobStatus.FAILED, Instant.now().minus(Duration.ofDays(3)),
                "Falhou", null, "all providers failed");

        signIn(ana.email());
        browser.waitForText("#count-SCHEDULED", "3");
        assertThat(browser.find("#count-SUCCEEDED").getText()).contains("1", "Concluídos");
        assertThat(browser.find("#count-FAILED").getAttribute("href")).endsWith("/jobs?status=FAILED");
        assertThat(browser.find("#dashboard-next").getText()).contains("Próxima 0", "Próxima 2");
        assertThat(browser.find("#dashboard-recent").getText()).contains("Concluída ontem", "Falhou");
        WebElement chart = browser.find("#dashboard-chart");
        browser.waitUntil(d -> chart.getAttribute("data-rendered") != null);
        assertThat(chart.getAttribute("data-rendered")).isEqualTo("6");
        assertThat(chart.getSize().getWidth()).isGreaterThan(200);
        assertThat(chart.getSize().getHeight()).isGreaterThan(100);
        browser.script("document.getElementById('dashboard-counts-heading').scrollIntoView({block: 'start', behavior: 'instant'});");
        browser.screenshot("dashboard");
    }

    @Test
    void thePlanningPagesFitAPhone() {
        Session ana = api.newUser(unique("phone"));
        api.post("/api/v1/jobs", Map.of("cnpj", TestJobs.newCnpj(), "label", "No telefone",
                "scheduledAt", Instant.now().plus(Duration.ofHours(2)).toString()), ana.accessToken());
        signIn(ana.email());
        browser.resize(Browser.PHONE);
        for (String page : new String[] {"/", "/calendar", "/jobs/bulk", "/mailbox"}) {
            browser.open(page);
            browser.find("h1");
            if (page.equals("/calendar")) {
                browser.find(".fc-timeGridDay-view");
                browser.screenshot("calendar-phone");
            }
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("no sideways scrolling on %s", page).isLessThanOrEqualTo(0);
        }
    }

    private void drag(WebElement event, String day) {
        WebElement target = browser.find("td[data-date='" + day + "'] .fc-daygrid-day-frame");
        browser.script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", event);
        new Actions(browser.driver).clickAndHold(event).pause(Duration.ofMillis(150)).moveByOffset(8, 8)
                .pause(Duration.ofMillis(150)).moveToElement(target).pause(Duration.ofMillis(150)).moveByOffset(2, 2)
                .pause(Duration.ofMillis(150)).release().perform();
    }

    private String scheduledAt(Session session, long job) {
        return api.get("/api/v1/jobs/" + job, session.accessToken()).json().get("scheduledAt").asString();
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}

package br.agendador.web;

import java.nio.file.Path;
import java.time.Duration;

import br.agendador.opendata.OpenDataFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The administrators' open data page in a real browser: an import started from the form, its
 * progress followed on the page until the month is served, the lines it skipped, a refused source.
 */
class OpenDataBrowserTests extends BrowserTest {

    @Autowired
    Api api;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dumps;

    @AfterEach
    void forget() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM open_data_imports WHERE status IN ('QUEUED', 'RUNNING')").query(Long.class).single() == 0);
        OpenDataFixtures.forget(jdbc);
    }

    @Test
    void anAdministratorImportsAMonthFromThePageAndFollowsItUntilItIsServed() {
        OpenDataFixtures.forget(jdbc);
        Session admin = api.newAdministrator(accounts);
        Path october = OpenDataFixtures.firstMonth(dumps);

        signIn(admin.email());
        browser.open("/admin");
        browser.click("a[href='/admin/open-data']");
        browser.waitForText("#open-data-none", "Nenhum mês importado ainda");

        browser.type("#source", dumps.resolve("nowhere").toString());
        browser.click("#open-data-start");
        browser.waitForText("#open-data-refusal", "Não dá para importar essa origem");
        assertThat(browser.find("#open-data-refusal").getText()).contains("não é uma pasta");
        assertThat(browser.find("#source").getAttribute("value")).as("what was typed is kept").endsWith("nowhere");

        browser.find("#source").clear();
        browser.type("#source", october.toString());
        browser.click("#open-data-start");
        browser.waitForText("#open-data-notice", "Importação iniciada");
        // the progress part polls by itself until the import is done; no reload
        browser.waitForText("#open-data-live .badge", "Concluída");
        browser.waitForText("#open-data-served", "Mês 10/2026");
        assertThat(browser.find("#open-data-live").getText()).contains("3 linhas não puderam ser lidas", "Estabelecimentos1.zip");
        assertThat(browser.find("#open-data-progress").getAttribute("aria-valuenow")).isEqualTo("100");
        browser.screenshot("admin-open-data");

        browser.open("/admin/open-data");
        assertThat(browser.find("#open-data-served").getText()).contains("Mês 10/2026", "Estabelecimentos", "4");
        assertThat(browser.find("#open-data-history").getText()).contains("10/2026", "Concluída");
    }

    @Test
    void theOpenDataPageIsForAdministratorsOnly() {
        Session user = api.newUser("open-data-user-" + System.nanoTime() + "@example.com");
        signIn(user.email());
        browser.open("/admin/open-data");
        assertThat(browser.find("main").getText()).doesNotContain("Importar um mês");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.id("open-data-form"))).isEmpty();
    }
}

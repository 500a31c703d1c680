package br.agendador.web;

import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * A browser test class: the whole application on its port and one headless Chromium for the class
 * (skipped with a message where Chromium is missing), each test starting as a new visitor.
 */
@IntegrationTest
abstract class BrowserTest {

    static Browser browser;

    @BeforeAll
    static void startBrowser(@Autowired Environment environment) {
        browser = Browser.start("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void newVisitor() {
        browser.forgetEverything();
    }

    /** Signs in through the sign-in page as an existing account (password {@link Api#PASSWORD}) and lands home. */
    static void signIn(String email) {
        browser.open("/login");
        browser.type("#email", email);
        browser.type("#password", Api.PASSWORD);
        browser.click("main form button[type=submit]");
        browser.waitForPath("/");
        browser.find("h1");
    }
}

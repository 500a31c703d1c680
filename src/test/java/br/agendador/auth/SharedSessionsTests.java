package br.agendador.auth;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import br.agendador.AgendadorApplication;
import br.agendador.support.Api;
import br.agendador.support.FormBrowser;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web sessions live in PostgreSQL: a browser signed in on one api process is signed in on any
 * other (behind a load balancer) and after a restart; anonymous visitors store nothing.
 */
@IntegrationTest
class SharedSessionsTests {

    @Autowired
    Api api;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBrowserSignedInOnOneApiProcessIsSignedInOnAnotherAndAfterItRestarts() throws Exception {
        String email = "session-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.newUser(email);
        FormBrowser browser = new FormBrowser(api.baseUrl());
        browser.signIn(email, Api.PASSWORD, false);
        assertThat(browser.cookie("SESSION")).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(email)
                .query(Long.class).single()).isEqualTo(1);

        try (ConfigurableApplicationContext other = anotherApiProcess()) {
            HttpResponse<String> profile = browser.at(baseUrl(other)).get("/profile");
            assertThat(profile.statusCode()).as("signed in on the other process").isEqualTo(200);
            assertThat(profile.body()).contains(email);
            HttpResponse<String> home = browser.at(baseUrl(other)).get("/");
            assertThat(browser.at(baseUrl(other)).post("/logout", Map.of("_csrf", FormBrowser.csrf(home.body())))
                    .statusCode()).isEqualTo(302);
        }
        assertThat(browser.get("/profile").statusCode()).as("signed out there is signed out here").isEqualTo(302);

        FormBrowser again = new FormBrowser(api.baseUrl());
        again.signIn(email, Api.PASSWORD, false);
        try (ConfigurableApplicationContext restarted = anotherApiProcess()) {
            assertThat(again.at(baseUrl(restarted)).get("/profile").statusCode())
                    .as("a process started after the sign-in (a restart) knows the browser").isEqualTo(200);
        }
    }

    @Test
    void anonymousVisitorsStoreNoSession() throws Exception {
        long before = sessions();
        for (int visit = 0; visit < 50; visit++) {
            FormBrowser visitor = new FormBrowser(api.baseUrl());
            assertThat(visitor.get("/login").statusCode()).isEqualTo(200);
            assertThat(visitor.get("/jobs").statusCode()).as("sent to sign in").isEqualTo(302);
            assertThat(visitor.get("/signup").statusCode()).isEqualTo(200);
            assertThat(visitor.cookie("SESSION")).isNull();
        }
        assertThat(sessions()).isEqualTo(before);
    }

    @Test
    void afterSigningInTheBrowserReturnsToThePageItAskedFor() throws Exception {
        String email = "return-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.newUser(email);
        FormBrowser browser = new FormBrowser(api.baseUrl());
        assertThat(browser.get("/calendar").statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = browser.signIn(email, Api.PASSWORD, false);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/calendar"));
    }

    private long sessions() {
        return jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    }

    private ConfigurableApplicationContext anotherApiProcess() {
        return new SpringApplicationBuilder(AgendadorApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--agendador.roles=api", "--agendador.dispatch.autostart=false",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""));
    }

    private static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
    }
}

package br.agendador.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import br.agendador.support.Api;
import br.agendador.support.FormBrowser;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** "Keep me signed in" over real HTTP, as a browser's cookies see it. */
@IntegrationTest
class RememberMeTests {

    @Autowired
    Api api;

    @Autowired
    TestClock clock;

    private String email;

    @BeforeEach
    void anAccount() {
        email = "remember-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.newUser(email);
    }

    @Test
    void aRememberedBrowserIsSignedInWithoutItsSession() throws Exception {
        String cookie = signIn(true);
        FormBrowser later = new FormBrowser(api.baseUrl()).with("remember-me", cookie);
        HttpResponse<String> profile = later.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(email);
        assertThat(later.cookie("remember-me")).as("the token changes with each use").isNotEqualTo(cookie);
        assertThat(later.cookie("SESSION")).isNotNull();
    }

    @Test
    void withoutTheTickNothingIsRemembered() throws Exception {
        assertThat(signIn(false)).isNull();
    }

    @Test
    void aCookieCopiedAndUsedAfterTheOriginalSignsEveryRememberedBrowserOut() throws Exception {
        String stolen = signIn(true);
        FormBrowser owner = new FormBrowser(api.baseUrl()).with("remember-me", stolen);
        assertThat(owner.get("/profile").statusCode()).isEqualTo(200);

        assertThat(new FormBrowser(api.baseUrl()).with("remember-me", stolen).get("/profile").statusCode())
                .as("a request already on its way with the old cookie still works").isEqualTo(200);

        clock.advance(Duration.ofMinutes(5));
        assertThat(new FormBrowser(api.baseUrl()).with("remember-me", stolen).get("/profile").statusCode())
                .as("the old cookie later is a stolen one").isEqualTo(302);
        assertThat(new FormBrowser(api.baseUrl()).with("remember-me", owner.cookie("remember-me")).get("/profile").statusCode())
                .as("and the real one is signed out too").isEqualTo(302);
    }

    @Test
    void signingOutForgetsTheBrowser() throws Exception {
        FormBrowser browser = new FormBrowser(api.baseUrl());
        String cookie = signIn(true, browser);
        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> signedOut = browser.post("/logout", Map.of("_csrf", FormBrowser.csrf(home.body())));
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?signedOut"));
        assertThat(new FormBrowser(api.baseUrl()).with("remember-me", cookie).get("/profile").statusCode()).isEqualTo(302);
    }

    @Test
    void aBrowserUnusedForTooLongIsForgotten() throws Exception {
        String cookie = signIn(true);
        clock.advance(Duration.ofDays(15));
        assertThat(new FormBrowser(api.baseUrl()).with("remember-me", cookie).get("/profile").statusCode()).isEqualTo(302);
    }

    private String signIn(boolean remember) throws Exception {
        return signIn(remember, new FormBrowser(api.baseUrl()));
    }

    /** Signs in through the form; the remember-me cookie set, if any. */
    private String signIn(boolean remember, FormBrowser browser) throws Exception {
        browser.signIn(email, Api.PASSWORD, remember);
        return browser.cookie("remember-me");
    }
}

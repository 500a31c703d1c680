package br.agendador.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** "Keep me signed in" over real HTTP, as a browser's cookies see it. */
@IntegrationTest
class RememberMeTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

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
        Browser later = new Browser().with("remember-me", cookie);
        HttpResponse<String> profile = later.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(email);
        assertThat(later.cookie("remember-me")).as("the token changes with each use").isNotEqualTo(cookie);
        assertThat(later.cookie("JSESSIONID")).isNotNull();
    }

    @Test
    void withoutTheTickNothingIsRemembered() throws Exception {
        assertThat(signIn(false)).isNull();
    }

    @Test
    void aCookieCopiedAndUsedAfterTheOriginalSignsEveryRememberedBrowserOut() throws Exception {
        String stolen = signIn(true);
        Browser owner = new Browser().with("remember-me", stolen);
        assertThat(owner.get("/profile").statusCode()).isEqualTo(200);

        assertThat(new Browser().with("remember-me", stolen).get("/profile").statusCode())
                .as("a request already on its way with the old cookie still works").isEqualTo(200);

        clock.advance(Duration.ofMinutes(5));
        assertThat(new Browser().with("remember-me", stolen).get("/profile").statusCode())
                .as("the old cookie later is a stolen one").isEqualTo(302);
        assertThat(new Browser().with("remember-me", owner.cookie("remember-me")).get("/profile").statusCode())
                .as("and the real one is signed out too").isEqualTo(302);
    }

    @Test
    void signingOutForgetsTheBrowser() throws Exception {
        Browser browser = new Browser();
        String cookie = signIn(true, browser);
        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> signedOut = browser.post("/logout", Map.of("_csrf", csrf(home.body())));
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?signedOut"));
        assertThat(new Browser().with("remember-me", cookie).get("/profile").statusCode()).isEqualTo(302);
    }

    @Test
    void aBrowserUnusedForTooLongIsForgotten() throws Exception {
        String cookie = signIn(true);
        clock.advance(Duration.ofDays(15));
        assertThat(new Browser().with("remember-me", cookie).get("/profile").statusCode()).isEqualTo(302);
    }

    private String signIn(boolean remember) throws Exception {
        return signIn(remember, new Browser());
    }

    /** Signs in through the form; the remember-me cookie set, if any. */
    private String signIn(boolean remember, Browser browser) throws Exception {
        String token = csrf(browser.get("/login").body());
        Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", token, "email", email, "password", Api.PASSWORD));
        if (remember) {
            form.put("remember-me", "on");
        }
        HttpResponse<String> signedIn = browser.post("/login", form);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return browser.cookie("remember-me");
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token on the page").isTrue();
        return token.group(1);
    }

    /** Keeps cookies like a browser, never follows redirects. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Browser with(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        String cookie(String name) {
            return cookies.get(name);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            return request;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }
    }
}

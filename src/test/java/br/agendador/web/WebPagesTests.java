package br.agendador.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages as the running server sends them: assets served offline, error pages, headers. */
@IntegrationTest
class WebPagesTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    Api api;

    /** Everything the pages load, and what phase 2's calendar and charts will, comes from the jar. */
    @ParameterizedTest
    @ValueSource(strings = {"/webjars/bootstrap/css/bootstrap.min.css", "/webjars/bootstrap/js/bootstrap.bundle.min.js",
            "/webjars/bootstrap-icons/font/bootstrap-icons.min.css",
            "/webjars/bootstrap-icons/font/fonts/bootstrap-icons.woff2", "/webjars/htmx.org/dist/htmx.min.js",
            "/webjars/fullcalendar/index.global.min.js", "/webjars/fullcalendar__core/locales/pt-br.global.min.js",
            "/webjars/chart.js/dist/chart.umd.js", "/css/app.css", "/js/app.js", "/js/cnpj.js",
            "/images/favicon.svg"})
    void servesEveryAssetWithoutSigningIn(String path) throws Exception {
        HttpResponse<String> response = get(path, "*/*");
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).isNotBlank();
    }

    @Test
    void anonymousPagesAreSentToSignInWhileTheSignInPageIsOpen() throws Exception {
        HttpResponse<String> profile = get("/profile", "text/html");
        assertThat(profile.statusCode()).isEqualTo(302);
        assertThat(profile.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        HttpResponse<String> signIn = get("/login", "text/html");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<html lang=\"pt-BR\">", "Bem-vindo de volta");
    }

    @Test
    void pagesForbidScriptsFromElsewhereAndFraming() throws Exception {
        HttpResponse<String> signIn = get("/login", "text/html");
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
        assertThat(signIn.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void errorPagesUseTheLayoutInTheVisitorsLanguage() throws Exception {
        HttpResponse<String> portuguese = get("/error", "text/html");
        assertThat(portuguese.body()).contains("<html lang=\"pt-BR\">", "Agendador CNPJ");
        HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/login?lang=en"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(english.body()).contains("Welcome back");
        assertThat(english.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("lang=en"));
    }

    @Test
    void theApiStillAnswersProblemJsonNotPages() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/nothing-here", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Accept", accept).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

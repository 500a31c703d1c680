package br.agendador.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI over plain HTTP as a browser's cookie jar sees it: keeps cookies, never follows
 * redirects, posts forms. Its cookies can be carried to another server ({@link #at}), as a load
 * balancer would send the same browser to another api process.
 */
public final class FormBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies;
    private final String baseUrl;

    public FormBrowser(String baseUrl) {
        this(baseUrl, new LinkedHashMap<>());
    }

    private FormBrowser(String baseUrl, Map<String, String> cookies) {
        this.baseUrl = baseUrl;
        this.cookies = cookies;
    }

    /** The same browser (the same cookies, shared from now on) talking to another server. */
    public FormBrowser at(String otherBaseUrl) {
        return new FormBrowser(otherBaseUrl, cookies);
    }

    public FormBrowser with(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public @Nullable String cookie(String name) {
        return cookies.get(name);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs in through the form on /login; the response to the POST. */
    public HttpResponse<String> signIn(String email, String password, boolean remember)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", csrf(get("/login").body()), "email", email,
                "password", password));
        if (remember) {
            form.put("remember-me", "on");
        }
        HttpResponse<String> signedIn = post("/login", form);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return signedIn;
    }

    /** The CSRF token of a page's forms. */
    public static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token on the page").isTrue();
        return token.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
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
            if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}

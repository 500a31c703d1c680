package br.agendador.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the running app over real HTTP, the way clients do. Bodies are maps or records
 * written as JSON, or raw strings sent as given.
 */
public final class Api {

    public static final String PASSWORD = "Str0ng-Passw0rd!";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(Environment environment) {
        this.environment = environment;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
    }

    public Response get(String path, @Nullable String token) {
        return send("GET", path, null, null, token, Map.of());
    }

    public Response post(String path, @Nullable Object body) {
        return send("POST", path, body, "application/json", null, Map.of());
    }

    public Response post(String path, @Nullable Object body, @Nullable String token) {
        return send("POST", path, body, "application/json", token, Map.of());
    }

    public Response patch(String path, @Nullable Object body, @Nullable String token) {
        return send("PATCH", path, body, "application/json", token, Map.of());
    }

    public Response delete(String path, @Nullable String token) {
        return send("DELETE", path, null, null, token, Map.of());
    }

    /** Any request; a String body is sent as is, anything else as JSON. */
    public Response send(String method, String path, @Nullable Object body, @Nullable String contentType,
            @Nullable String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader); // replaces the default Accept when a test gives one
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh user with a unique e-mail and logs in. */
    public Session newUser() {
        return newUser("user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    public Session newUser(String email) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Test User");
        registration.put("email", email);
        registration.put("password", PASSWORD);
        Response registered = post("/api/v1/auth/register", registration);
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return login(email, PASSWORD);
    }

    /** A fresh administrator (made one through the accounts service, as {@code agendador.admin.email} does), logged in. */
    public Session newAdministrator(br.agendador.users.UserAccounts accounts) {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        accounts.ensureAdministrator(email, PASSWORD);
        return login(email, PASSWORD);
    }

    public Session login(String email, String password) {
        Response login = post("/api/v1/auth/login", Map.of("email", email, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        JsonNode tokens = login.json();
        String accessToken = tokens.get("accessToken").asString();
        return new Session(email, accessToken, tokens.get("refreshToken").asString(), userId(accessToken));
    }

    private long userId(String accessToken) {
        return get("/api/v1/users/me", accessToken).json().get("id").asLong();
    }

    public record Session(String email, String accessToken, String refreshToken, long userId) {
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean isProblem() {
            return header("Content-Type").map(t -> t.startsWith("application/problem+json")).orElse(false);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

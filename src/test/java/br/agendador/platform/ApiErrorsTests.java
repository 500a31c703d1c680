package br.agendador.platform;

import java.util.Map;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the API answers a problem+json 4xx that says what was wrong. */
@IntegrationTest
class ApiErrorsTests {

    @Autowired
    Api api;

    @Test
    void malformedJsonIsA400() {
        Response response = api.send("POST", "/api/v1/auth/login", "{\"email\": ", "application/json", null, Map.of());
        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).startsWith("Malformed JSON");
        assertThat(response.json().get("code").asString()).isEqualTo("request.malformedJson");
    }

    @Test
    void wrongTypesAndUnknownFieldsAreA400NamingTheField() {
        Response unknown = api.post("/api/v1/auth/login", Map.of("email", "a@b.co", "password", "x", "remember", true));
        assertProblem(unknown, 400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("remember");
        assertThat(unknown.json().get("code").asString()).isEqualTo("request.invalid");
        assertThat(unknown.json().get("errors").get(0).get("code").asString()).isEqualTo("request.unknownField");

        Response wrongType = api.post("/api/v1/auth/login", Map.of("email", Map.of("nested", 1), "password", "x"));
        assertProblem(wrongType, 400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("email");

        Response missing = api.post("/api/v1/auth/login", Map.of("email", "a@b.co"));
        assertProblem(missing, 400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(missing.json().get("errors").get(0).get("code").asString()).startsWith("request.constraint.");
    }

    @Test
    void anEmptyOrNonJsonBodyIsA4xx() {
        assertProblem(api.send("POST", "/api/v1/auth/login", "", "application/json", null, Map.of()), 400);
        assertProblem(api.send("POST", "/api/v1/auth/login", "[1,2]", "application/json", null, Map.of()), 400);
        assertProblem(api.send("POST", "/api/v1/auth/login", "email=a", "text/plain", null, Map.of()), 415);
    }

    @Test
    void bodiesOverOneMebibyteAreA413() {
        String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\",\"password\":\"x\"}";
        Response response = api.send("POST", "/api/v1/auth/login", big, "application/json", null, Map.of());
        assertProblem(response, 413);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        Session user = api.newUser();
        assertProblem(api.get("/api/v1/nothing-here", user.accessToken()), 404);
        assertProblem(api.send("DELETE", "/api/v1/auth/login", null, null, null, Map.of()), 405);
        assertProblem(api.send("PUT", "/api/v1/users/me", "{}", "application/json", user.accessToken(), Map.of()), 405);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.headers().toString()).isTrue();
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(response.json().get("code").asString()).as("code of %s", response.body()).matches("[a-zA-Z.]+");
        response.json().path("errors").forEach(error ->
                assertThat(error.get("code").asString()).as("code of %s", error).matches("[a-zA-Z.]+"));
    }
}

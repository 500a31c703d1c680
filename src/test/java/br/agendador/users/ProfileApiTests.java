package br.agendador.users;

import java.util.Map;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProfileApiTests {

    @Autowired
    Api api;

    @Test
    void changesNameTimeZoneLanguageDigestAndJobMails() {
        Session user = api.newUser();
        Response changed = api.patch("/api/v1/users/me",
                Map.of("name", "Bia", "timeZone", "America/Manaus", "locale", "en", "dailyDigest", false, "jobMails",
                        "failures-and-changes"),
                user.accessToken());
        assertThat(changed.status()).isEqualTo(200);
        Response me = api.get("/api/v1/users/me", user.accessToken());
        assertThat(me.json().get("name").asString()).isEqualTo("Bia");
        assertThat(me.json().get("timeZone").asString()).isEqualTo("America/Manaus");
        assertThat(me.json().get("locale").asString()).isEqualTo("en");
        assertThat(me.json().get("dailyDigest").asBoolean()).isFalse();
        assertThat(me.json().get("jobMails").asString()).isEqualTo("FAILURES_AND_CHANGES");

        assertThat(api.patch("/api/v1/users/me", Map.of("locale", "pt_br"), user.accessToken()).json()
                .get("locale").asString()).isEqualTo("pt-BR");
        assertThat(api.patch("/api/v1/users/me", Map.of(), user.accessToken()).json().get("name").asString())
                .isEqualTo("Bia");
    }

    @Test
    void refusesInvalidProfileChangesNamingTheField() {
        Session user = api.newUser();
        assertField(api.patch("/api/v1/users/me", Map.of("timeZone", "Brazil/Nowhere"), user.accessToken()), "timeZone");
        assertField(api.patch("/api/v1/users/me", Map.of("locale", "fr"), user.accessToken()), "locale");
        assertField(api.patch("/api/v1/users/me", Map.of("name", "  "), user.accessToken()), "name");
        assertField(api.patch("/api/v1/users/me", Map.of("name", "x".repeat(101)), user.accessToken()), "name");
        assertField(api.patch("/api/v1/users/me", Map.of("dailyDigest", "sometimes"), user.accessToken()), "dailyDigest");
        assertField(api.patch("/api/v1/users/me", Map.of("role", "ADMIN"), user.accessToken()), "role");
        Response jobMails = api.patch("/api/v1/users/me", Map.of("jobMails", "SOMETIMES"), user.accessToken());
        assertField(jobMails, "jobMails");
        assertThat(jobMails.json().get("errors").findValuesAsString("code")).contains("account.jobMails");
        assertThat(jobMails.json().toString()).contains("ALL, FAILURES_AND_CHANGES or NONE");
        assertThat(api.get("/api/v1/users/me", user.accessToken()).json().get("jobMails").asString()).isEqualTo("ALL");
        assertThat(api.get("/api/v1/users/me", user.accessToken()).json().get("role").asString()).isEqualTo("USER");
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
    }
}

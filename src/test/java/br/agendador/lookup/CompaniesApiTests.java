package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/companies/{cnpj} and GET /api/v1/admin/providers over real HTTP. */
class CompaniesApiTests extends LookupTestSupport {

    @Autowired
    Api api;
    @Autowired
    UserAccounts accounts;

    @Test
    void showsTheLatestSnapshotOfACompanyTheUserLookedUpWithItsChangeHistory() {
        clock.set(Instant.parse("2026-11-23T12:00:00Z"));
        TestLookup lookup = lookup(TestLookup.settings());
        answer("brasilapi", PETROBRAS, json(200, fixture("brasilapi/found.json")));
        lookup.lookup(PETROBRAS);
        clock.advance(Duration.ofDays(7));
        answer("brasilapi", PETROBRAS, json(200, fixture("brasilapi/found.json").replace("\"situacao_cadastral\": 2",
                "\"situacao_cadastral\": 8")));
        lookup.lookup(PETROBRAS);
        Session ana = api.newUser();
        succeededJob(ana, PETROBRAS);

        Response company = api.get("/api/v1/companies/33.000.167-0001-01", ana.accessToken());

        assertThat(company.status()).as(company.toString()).isEqualTo(200);
        JsonNode body = company.json();
        assertThat(body.get("cnpj").asString()).isEqualTo("33000167000101");
        assertThat(body.get("cnpjFormatted").asString()).isEqualTo("33.000.167/0001-01");
        assertThat(body.get("legalName").asString()).isEqualTo("PETROLEO BRASILEIRO S A PETROBRAS");
        assertThat(body.get("registrationStatus").asString()).isEqualTo("BAIXADA");
        assertThat(body.get("mainActivity").get("code").asString()).isEqualTo("0600001");
        assertThat(body.get("address").get("zipCode").asString()).isEqualTo("20031912");
        assertThat(body.get("shareCapital").decimalValue()).isEqualByComparingTo("205431960490.52");
        assertThat(body.get("simples").get("optant").asBoolean()).isFalse();
        assertThat(body.get("partners")).hasSize(3);
        assertThat(body.get("source").asString()).isEqualTo("brasilapi");
        assertThat(body.get("fetchedAt").asString()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(body.get("changes").get(0).get("field").asString()).isEqualTo("registrationStatus");
        assertThat(body.get("changes").get(0).get("to").asString()).isEqualTo("BAIXADA");
        JsonNode history = body.get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("fetchedAt").asString()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(history.get(0).get("changes").get(0).get("from").asString()).isEqualTo("ATIVA");
    }

    @Test
    void aCompanyTheUserHasNotLookedUpIsNotFoundEvenIfOthersDid() {
        Session ana = api.newUser();
        Session bia = api.newUser();
        ProviderFakes.found("brasilapi", PETROBRAS);
        lookup(TestLookup.settings()).lookup(PETROBRAS);
        succeededJob(ana, PETROBRAS);

        Response forBia = api.get("/api/v1/companies/33000167000101", bia.accessToken());

        assertThat(forBia.status()).isEqualTo(404);
        assertThat(forBia.isProblem()).isTrue();
        assertThat(forBia.json().get("detail").asString()).isEqualTo("You have not looked up CNPJ 33.000.167/0001-01 yet");
        assertThat(api.get("/api/v1/companies/33000167000101", ana.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void refusesAnInvalidCnpjNamingWhatIsWrong() {
        Response invalid = api.get("/api/v1/companies/33000167000102", api.newUser().accessToken());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.isProblem()).isTrue();
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactly("cnpj");
        assertThat(invalid.json().get("detail").asString()).contains("check digits do not match");
    }

    @Test
    void asksForATokenFirst() {
        assertThat(api.get("/api/v1/companies/33000167000101", null).status()).isEqualTo(401);
    }

    @Test
    void showsAdministratorsEveryProvidersHealthCircuitAndBudget() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        answer("brasilapi", PETROBRAS, json(429, fixture("cnpjws/rate-limited.json")).withHeader("Retry-After", "90"));
        answer("minhareceita", PETROBRAS, json(500, "{\"message\": \"database is down\"}"));
        ProviderFakes.found("opencnpj", PETROBRAS);
        lookup(TestLookup.settings()).lookup(PETROBRAS);
        state.admit("receitaws", 3);

        Response providers = api.get("/api/v1/admin/providers", administrator().accessToken());

        assertThat(providers.status()).as(providers.toString()).isEqualTo(200);
        JsonNode list = providers.json();
        assertThat(list.findValuesAsString("name")).containsExactly("brasilapi", "minhareceita", "opencnpj", "cnpjws", "cnpja",
                "receitaws");
        JsonNode brasilApi = list.get(0);
        assertThat(brasilApi.get("health").asString()).isEqualTo("PAUSED");
        assertThat(brasilApi.get("pausedUntil").asString()).isEqualTo("2026-11-25T13:01:30Z");
        assertThat(brasilApi.get("lastThrottledAt").asString()).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(brasilApi.get("circuit").asString()).isEqualTo("CLOSED");
        assertThat(list.get(1).get("health").asString()).isEqualTo("FAILING");
        assertThat(list.get(1).get("lastError").asString()).isEqualTo("HTTP 500: database is down");
        assertThat(list.get(2).get("health").asString()).isEqualTo("UP");
        assertThat(list.get(2).get("rateLimit").isNull()).as("unlimited").isTrue();
        assertThat(list.get(3).get("health").asString()).isEqualTo("UNKNOWN");
        JsonNode receitaWs = list.get(5);
        assertThat(receitaWs.get("rateLimit").asInt()).isEqualTo(3);
        assertThat(receitaWs.get("remainingBudget").asInt()).isEqualTo(2);
        assertThat(receitaWs.get("baseUrl").asString()).endsWith("/receitaws");
        assertThat(receitaWs.get("alphanumeric").asBoolean()).isFalse();
    }

    @Test
    void theProvidersViewIsForAdministratorsOnly() {
        assertThat(api.get("/api/v1/admin/providers", api.newUser().accessToken()).status()).isEqualTo(403);
    }

    private Session administrator() {
        return api.newAdministrator(accounts);
    }

    /** What the dispatcher leaves behind when the user's job found the company. */
    private void succeededJob(Session user, Cnpj cnpj) {
        jdbc.sql("""
                INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at, started_at,
                                  finished_at, attempt)
                VALUES (?, ?, 'SUCCEEDED', 3, now(), now(), now(), now(), now(), 1)""")
                .params(user.userId(), cnpj.value()).update();
    }
}

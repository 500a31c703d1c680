package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import br.agendador.support.JobRows;
import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.DispatchDriver;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way through the real parts: a job scheduled over HTTP, run by the dispatcher, looked
 * up by the lookup module over HTTP at the fake BrasilAPI (its documented format), stored and
 * shown by the jobs API; a later run after the company changed at the provider shows what changed.
 */
class LookupEndToEndTests extends LookupTestSupport {

    @Autowired
    Api api;
    @Autowired
    ApplicationContext context;

    @Test
    void aScheduledJobEndsSucceededWithTheProvidersCompanyAndALaterRunShowsWhatChanged() {
        // days behind the database clock, so that jobs "due now" on the test clock are due for the dispatcher too
        clock.set(Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS));
        Cnpj cnpj = company(ThreadLocalRandom.current().nextInt(10_000_000, 90_000_000));
        knows("brasilapi", cnpj);
        Session ana = api.newUser();
        DispatchDriver dispatcher = DispatchDriver.of(context);
        // jobs other classes left due in the shared database would be claimed along with ours
        JobRows.update(jdbc, "status = 'CANCELED' WHERE status = 'SCHEDULED'");

        JsonNode first = runJob(ana, cnpj.formatted(), dispatcher);

        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(first.get("attempts")).hasSize(1);
        assertThat(first.get("attempts").get(0).get("outcome").asString()).isEqualTo("SUCCEEDED");
        JsonNode result = first.get("result");
        assertThat(result.get("cnpj").asString()).isEqualTo(cnpj.value());
        assertThat(result.get("legalName").asString()).isEqualTo("PETROLEO BRASILEIRO S A PETROBRAS");
        assertThat(result.get("tradeName").asString()).isEqualTo("PETROBRAS");
        assertThat(result.get("registrationStatus").asString()).isEqualTo("ATIVA");
        assertThat(result.get("openedOn").asString()).isEqualTo("1966-10-12");
        assertThat(result.get("legalNature").asString()).contains("Sociedade de Economia Mista");
        assertThat(result.get("mainActivity").get("code").asString()).isEqualTo("0600001");
        assertThat(result.get("secondaryActivities")).isNotEmpty();
        assertThat(result.get("address").get("city").asString()).isEqualTo("RIO DE JANEIRO");
        assertThat(result.get("address").get("state").asString()).isEqualTo("RJ");
        assertThat(result.get("address").get("zipCode").asString()).isEqualTo("20031912");
        assertThat(result.get("shareCapital").decimalValue()).isEqualByComparingTo("205431960490.52");
        assertThat(result.get("simples").get("optant").asBoolean()).isFalse();
        assertThat(result.get("partners")).hasSize(3);
        assertThat(result.get("source").asString()).isEqualTo("brasilapi");
        assertThat(result.get("changes")).as("nothing to compare with yet").isEmpty();
        assertThat(ProviderFakes.calls("brasilapi", cnpj)).isEqualTo(1);

        // a week later the Receita has closed the company down
        clock.advance(Duration.ofDays(2));
        answer("brasilapi", cnpj, json(200, fixtureAbout("brasilapi", "found.json", cnpj)
                .replace("\"situacao_cadastral\": 2", "\"situacao_cadastral\": 8")));

        Session again = api.login(ana.email(), Api.PASSWORD); // two days on, the first access token has expired
        JsonNode second = runJob(again, cnpj.value(), dispatcher);

        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(ProviderFakes.calls("brasilapi", cnpj)).as("the cached snapshot was too old to reuse").isEqualTo(2);
        JsonNode changes = second.get("result").get("changes");
        assertThat(second.get("result").get("registrationStatus").asString()).isEqualTo("BAIXADA");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("field").asString()).isEqualTo("registrationStatus");
        assertThat(changes.get(0).get("from").asString()).isEqualTo("ATIVA");
        assertThat(changes.get(0).get("to").asString()).isEqualTo("BAIXADA");

        Response company = api.get("/api/v1/companies/" + cnpj.value(), again.accessToken());
        assertThat(company.status()).isEqualTo(200);
        assertThat(company.json().get("registrationStatus").asString()).isEqualTo("BAIXADA");
    }

    private JsonNode runJob(Session user, String cnpj, DispatchDriver dispatcher) {
        Response created = api.post("/api/v1/jobs", Map.of("cnpj", cnpj, "priority", 5), user.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(dispatcher.runDueJobs()).contains(id);
        Response job = api.get("/api/v1/jobs/" + id, user.accessToken());
        assertThat(job.status()).isEqualTo(200);
        return job.json();
    }
}

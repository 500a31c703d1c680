package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.dispatch.LookupOutcome.NotFound;
import br.agendador.dispatch.LookupOutcome.PermanentFailure;
import br.agendador.dispatch.LookupOutcome.TransientFailure;
import br.agendador.support.FakeProviders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static br.agendador.lookup.ProviderFakes.NOBODY;
import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.answerAll;
import static br.agendador.lookup.ProviderFakes.calls;
import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;
import static br.agendador.lookup.ProviderFakes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The providers tried in order, each failure falling through to the next, and what the lookup concludes. */
class ProviderFallbackTests extends LookupTestSupport {

    @Autowired
    CompanyLookup applicationLookup;

    @Test
    void theApplicationsLookupAsksTheConfiguredProvidersAndStoresTheSnapshot() {
        ProviderFakes.found("brasilapi", PETROBRAS);
        LookupOutcome outcome = applicationLookup.lookup(PETROBRAS);
        assertThat(outcome).asInstanceOf(type(Found.class)).extracting(Found::snapshot)
                .extracting(CompanySnapshot::source, CompanySnapshot::legalName)
                .containsExactly("brasilapi", "PETROLEO BRASILEIRO S A PETROBRAS");
        assertThat(snapshots.current(PETROBRAS)).isPresent();
        assertThat(calls("brasilapi")).isEqualTo(1);
        assertThat(calls("minhareceita")).isZero();
    }

    @Test
    void fallsThroughFailingProvidersInOrder() {
        answer("brasilapi", PETROBRAS, json(500, fixture("brasilapi/server-error.json")));
        ProviderFakes.slow("minhareceita", PETROBRAS, Duration.ofSeconds(3));
        answer("opencnpj", PETROBRAS, text(403, "text/html", fixture("opencnpj/rate-limited.html")));
        ProviderFakes.found("cnpjws", PETROBRAS);
        ProviderFakes.found("cnpja", PETROBRAS);
        TestLookup lookup = lookup(TestLookup.settings().timeout("minhareceita", Duration.ofMillis(500)));

        LookupOutcome outcome = lookup.lookup(PETROBRAS);

        assertThat(outcome).asInstanceOf(type(Found.class)).extracting(found -> found.snapshot().source()).isEqualTo("cnpjws");
        assertThat(requestedPaths()).containsExactly("/brasilapi/33000167000101", "/minhareceita/33000167000101",
                "/opencnpj/33000167000101", "/cnpjws/33000167000101");
    }

    @Test
    void aNotFoundIsConfirmedByAnotherDatasetBeforeItIsBelieved() {
        answerAll("brasilapi", json(404, fixture("brasilapi/not-found.json")));
        answerAll("minhareceita", json(404, fixture("minhareceita/not-found.json")));
        answerAll("opencnpj", json(404, fixture("opencnpj/not-found.json")));
        TestLookup lookup = lookup(TestLookup.settings());

        LookupOutcome outcome = lookup.lookup(NOBODY);

        assertThat(outcome).isInstanceOf(NotFound.class);
        NotFound notFound = (NotFound) outcome;
        assertThat(notFound.source()).isEqualTo("brasilapi,opencnpj");
        assertThat(notFound.detail()).contains("CNPJ 11.222.333/0001-81 não encontrado.").contains("not found");
        assertThat(calls("minhareceita")).as("BrasilAPI serves minha-receita's data: no second opinion").isZero();
        assertThat(calls("cnpjws")).isZero();
    }

    @Test
    void aCompanyOneDumpDoesNotKnowYetIsFoundByAFresherSource() {
        answer("brasilapi", PETROBRAS, json(404, fixture("brasilapi/not-found.json")));
        answer("opencnpj", PETROBRAS, json(404, fixture("opencnpj/not-found.json")));
        ProviderFakes.found("minhareceita", PETROBRAS);
        ProviderFakes.found("cnpjws", PETROBRAS);
        TestLookup lookup = lookup(TestLookup.settings().only("brasilapi", "minhareceita", "cnpjws", "opencnpj"));

        assertThat(lookup.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("cnpjws");
        assertThat(calls("minhareceita")).isZero();
        assertThat(calls("opencnpj")).isZero();
    }

    @Test
    void aSingleNotFoundIsBelievedWhenNoOtherSourceCanBeAsked() {
        answerAll("brasilapi", json(404, fixture("brasilapi/not-found.json")));
        answerAll("opencnpj", json(500, "{\"error\": \"boom\"}"));
        TestLookup lookup = lookup(TestLookup.settings().only("brasilapi", "minhareceita", "opencnpj"));

        assertThat(lookup.lookup(NOBODY)).isEqualTo(new NotFound("brasilapi",
                "CNPJ 11.222.333/0001-81 not found (brasilapi: CNPJ 11.222.333/0001-81 não encontrado.)"));
    }

    @Test
    void oneNotFoundIsEnoughWhenConfiguredSo() {
        answerAll("brasilapi", json(404, fixture("brasilapi/not-found.json")));
        TestLookup lookup = lookup(TestLookup.settings().notFoundConfirmations(1));
        assertThat(lookup.lookup(NOBODY)).isInstanceOf(NotFound.class);
        assertThat(calls("opencnpj")).isZero();
    }

    @Test
    void alphanumericCnpjsGoOnlyToProvidersThatTakeThem() {
        Cnpj alphanumeric = Cnpj.parse("12.ABC.345/01DE-35");
        knows("brasilapi", alphanumeric);
        knows("minhareceita", alphanumeric);
        TestLookup lookup = lookup(TestLookup.settings());

        assertThat(lookup.lookup(alphanumeric)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("minhareceita");
        assertThat(calls("brasilapi")).isZero();
    }

    @Test
    void anAlphanumericCnpjNoEnabledProviderTakesFailsForGood() {
        TestLookup lookup = lookup(TestLookup.settings().disabled("minhareceita").disabled("opencnpj"));
        assertThat(lookup.lookup(Cnpj.parse("12ABC34501DE35"))).asInstanceOf(type(PermanentFailure.class))
                .extracting(PermanentFailure::error).asString().startsWith("No enabled provider takes alphanumeric CNPJs yet");
        assertThat(FakeProviders.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aCnpjEveryProviderRefusesFailsForGood() {
        answerAll("minhareceita", json(400, "{\"message\": \"CNPJ 11222333000181 inválido.\"}"));
        answerAll("cnpja", json(400, "{\"code\": 400, \"message\": \"taxId must be a valid CNPJ\"}"));
        TestLookup lookup = lookup(TestLookup.settings().only("minhareceita", "cnpja"));
        assertThat(lookup.lookup(NOBODY)).asInstanceOf(type(PermanentFailure.class)).extracting(PermanentFailure::error)
                .isEqualTo("Every provider refused CNPJ 11.222.333/0001-81: minhareceita: refused the CNPJ: CNPJ 11222333000181 "
                        + "inválido.; cnpja: refused the CNPJ: taxId must be a valid CNPJ");
    }

    @Test
    void whenEveryProviderFailsItIsWorthRetryingWhenTheFirstOneIsBack() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        answerAll("brasilapi", json(500, fixture("brasilapi/server-error.json")));
        answerAll("cnpjws", json(429, fixture("cnpjws/rate-limited.json")).withHeader("Retry-After", "40"));
        answerAll("cnpja", json(429, fixture("cnpja/rate-limited.json")).withHeader("Retry-After", "25"));
        TestLookup lookup = lookup(TestLookup.settings().only("brasilapi", "cnpjws", "cnpja"));

        LookupOutcome outcome = lookup.lookup(PETROBRAS);

        assertThat(outcome).isInstanceOf(TransientFailure.class);
        TransientFailure failure = (TransientFailure) outcome;
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(25));
        assertThat(failure.error()).isEqualTo("No provider could answer: brasilapi: HTTP 500: Erro interno no servidor.; cnpjws: throttled us (HTTP 429: Excedido o limite máximo de 3 consultas por minuto. "
                + "Liberação ocorrerá em Thu Nov 26 2026 10:21:09 GMT-0300 (Horário Padrão de Brasília)); cnpja: throttled us "
                + "(HTTP 429: Too Many Requests: the limit of 5 requests per minute was exceeded)");
    }

    @Test
    void aProviderThatThrottlesIsLeftAloneByEveryProcessUntilItsRetryAfter() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        answerAll("cnpjws", json(429, fixture("cnpjws/rate-limited.json")).withHeader("Retry-After", "120"));
        TestLookup.Settings settings = TestLookup.settings().only("cnpjws", "cnpja").cacheTtl(Duration.ZERO);
        TestLookup thisProcess = lookup(settings);
        TestLookup anotherProcess = lookup(settings);
        knows("cnpja", PETROBRAS);

        assertThat(thisProcess.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("cnpja");
        assertThat(state.all().get("cnpjws").pausedUntil()).isEqualTo(Instant.parse("2026-11-25T13:02:00Z"));

        clock.advance(Duration.ofSeconds(119));
        assertThat(anotherProcess.lookup(PETROBRAS)).isInstanceOf(Found.class);
        assertThat(calls("cnpjws")).as("skipped while paused").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        ProviderFakes.found("cnpjws", PETROBRAS);
        assertThat(anotherProcess.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("cnpjws");
    }

    @Test
    void aThrottlingPageWithoutRetryAfterPausesTheProviderForTheConfiguredTime() {
        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        answerAll("opencnpj", text(403, "text/html", fixture("opencnpj/rate-limited.html")));
        TestLookup lookup = lookup(TestLookup.settings().only("opencnpj"));

        assertThat(lookup.lookup(PETROBRAS)).isEqualTo(new TransientFailure("No provider could answer: opencnpj: throttled us "
                + "(HTTP 403 with an HTML page (a bot check or a rate limit))", Duration.ofSeconds(60)));
        assertThat(lookup.lookup(PETROBRAS)).isEqualTo(new TransientFailure("No provider could answer: opencnpj: paused at its "
                + "request until 2026-11-25T13:01:00Z", Duration.ofSeconds(60)));
        assertThat(calls("opencnpj")).isEqualTo(1);
    }

    @Test
    void disabledProvidersAreNeverAsked() {
        ProviderFakes.found("brasilapi", PETROBRAS);
        ProviderFakes.found("minhareceita", PETROBRAS);
        TestLookup lookup = lookup(TestLookup.settings().disabled("brasilapi"));
        assertThat(lookup.lookup(PETROBRAS)).asInstanceOf(type(Found.class))
                .extracting(found -> found.snapshot().source()).isEqualTo("minhareceita");
        assertThat(calls("brasilapi")).isZero();
    }

    /** In the order the fake received them (its journal lists the newest first). */
    private static List<String> requestedPaths() {
        List<String> paths = new ArrayList<>(FakeProviders.server().getAllServeEvents().stream()
                .map(event -> event.getRequest().getUrl()).toList());
        Collections.reverse(paths);
        return paths;
    }
}

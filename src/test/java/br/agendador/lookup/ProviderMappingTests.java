package br.agendador.lookup;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.CompanySnapshot.Partner;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.cnpj.CompanySnapshot.StateRegistration;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.lookup.ProviderAnswer.Failed;
import br.agendador.lookup.ProviderAnswer.Found;
import br.agendador.lookup.ProviderAnswer.Missing;
import br.agendador.lookup.ProviderAnswer.Refused;
import br.agendador.lookup.ProviderAnswer.Throttled;
import br.agendador.support.FakeProviders;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static br.agendador.lookup.ProviderFakes.NOBODY;
import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;
import static br.agendador.lookup.ProviderFakes.text;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Each provider's documented answers (fixtures under src/test/resources/providers/), served by a
 * fake over real HTTP, read into the canonical snapshot field by field; and every way a provider
 * can fail read as the right kind of answer.
 */
class ProviderMappingTests {

    static final List<String> PROVIDERS = FakeProviders.NAMES;
    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");
    private static final String USER_AGENT = "AgendadorCNPJ/9.9.9 (test)";
    private static final String EXTRACTION = "Extração de petróleo e gás natural";
    private static final String REFINING = "Fabricação de produtos do refino de petróleo";
    private static final String GAS = "Produção de gás; processamento de gás natural";
    private static final String FUEL_TRADE = "Comércio atacadista de álcool carburante, biodiesel, gasolina e demais derivados "
            + "de petróleo, exceto lubrificantes, não realizado por transportador retalhista (TRR)";

    private final List<ProviderClient> clients = new ArrayList<>();

    @AfterEach
    void reset() {
        clients.forEach(ProviderClient::close);
        ProviderFakes.reset();
    }

    @Test
    void readsBrasilApi() {
        CompanySnapshot petrobras = found("brasilapi");
        assertCommonFacts(petrobras, "brasilapi");
        assertThat(petrobras.tradeName()).isEqualTo("PETROBRAS");
        assertThat(petrobras.registrationStatusReason()).as("SEM MOTIVO is no reason").isNull();
        assertThat(petrobras.mainActivity()).isEqualTo(new Activity("0600001", EXTRACTION));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", REFINING),
                new Activity("3520401", GAS), new Activity("4681801", FUEL_TRADE));
        assertThat(petrobras.address()).isEqualTo(
                new Address("AVENIDA REPUBLICA DO CHILE", "65", "ANDAR 22", "CENTRO", "RIO DE JANEIRO", "RJ", "20031912"));
        assertThat(petrobras.email()).isEqualTo("cadastro@petrobras.com.br");
        assertThat(petrobras.simples()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.mei()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.partners()).containsExactly(
                new Partner("ANA LUIZA FERREIRA", "Presidente", LocalDate.of(2024, 5, 24)),
                new Partner("CARLOS EDUARDO MOTA", "Diretor", LocalDate.of(2023, 1, 26)),
                new Partner("BEATRIZ SANTOS LIMA", "Conselheiro de Administração", LocalDate.of(2023, 4, 27)));
        assertThat(petrobras.stateRegistrations()).isEmpty();
        assertThat(petrobras.dataAsOf()).as("BrasilAPI does not date its data").isNull();
    }

    @Test
    void readsMinhaReceita() {
        CompanySnapshot petrobras = found("minhareceita");
        assertCommonFacts(petrobras, "minhareceita");
        assertThat(petrobras.tradeName()).isEqualTo("PETROBRAS");
        assertThat(petrobras.registrationStatusReason()).isNull();
        assertThat(petrobras.mainActivity()).isEqualTo(new Activity("0600001", EXTRACTION));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", REFINING),
                new Activity("3520401", GAS), new Activity("4681801", FUEL_TRADE));
        assertThat(petrobras.address()).isEqualTo(
                new Address("AVENIDA REPUBLICA DO CHILE", "65", "ANDAR 22", "CENTRO", "RIO DE JANEIRO", "RJ", "20031912"));
        assertThat(petrobras.email()).isNull();
        assertThat(petrobras.simples()).as("null in minha-receita: never in the Simples file, i.e. unknown").isNull();
        assertThat(petrobras.mei()).isNull();
        assertThat(petrobras.partners()).extracting(Partner::role).containsExactly("Presidente", "Diretor",
                "Conselheiro de Administração");
        assertThat(petrobras.partners()).extracting(Partner::since).containsExactly(LocalDate.of(2024, 5, 24),
                LocalDate.of(2023, 1, 26), LocalDate.of(2023, 4, 27));
        assertThat(petrobras.stateRegistrations()).isEmpty();
        assertThat(petrobras.dataAsOf()).isNull();
    }

    @Test
    void readsOpenCnpj() {
        CompanySnapshot petrobras = found("opencnpj");
        assertCommonFacts(petrobras, "opencnpj");
        assertThat(petrobras.tradeName()).isEqualTo("PETROBRAS");
        assertThat(petrobras.registrationStatusReason()).as("OpenCNPJ has no status reason").isNull();
        assertThat(petrobras.mainActivity()).as("codes only: no description, not a guess")
                .isEqualTo(new Activity("0600001", null));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", null),
                new Activity("3520401", null), new Activity("4681801", null));
        assertThat(petrobras.address()).isEqualTo(
                new Address("AVENIDA REPUBLICA DO CHILE", "65", "ANDAR 22", "CENTRO", "RIO DE JANEIRO", "RJ", "20031912"));
        assertThat(petrobras.email()).isEqualTo("cadastro@petrobras.com.br");
        assertThat(petrobras.simples()).as("\"N\", no exclusion date in the format").isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.mei()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.partners()).containsExactly(
                new Partner("ANA LUIZA FERREIRA", "Presidente", LocalDate.of(2024, 5, 24)),
                new Partner("CARLOS EDUARDO MOTA", "Diretor", LocalDate.of(2023, 1, 26)),
                new Partner("BEATRIZ SANTOS LIMA", "Conselheiro de Administração", LocalDate.of(2023, 4, 27)));
        assertThat(petrobras.stateRegistrations()).isEmpty();
        assertThat(petrobras.dataAsOf()).isNull();
        assertThat(petrobras.notGiven()).containsExactlyInAnyOrder("registrationStatusReason", "activityDescriptions",
                "simples.until", "mei.until", "stateRegistrations", "dataAsOf");
    }

    @Test
    void readsCnpjWs() {
        CompanySnapshot petrobras = found("cnpjws");
        assertCommonFacts(petrobras, "cnpjws");
        assertThat(petrobras.tradeName()).isEqualTo("PETROBRAS");
        assertThat(petrobras.registrationStatusReason()).isNull();
        assertThat(petrobras.mainActivity()).isEqualTo(new Activity("0600001", EXTRACTION));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", REFINING),
                new Activity("3520401", GAS), new Activity("4681801", FUEL_TRADE));
        assertThat(petrobras.address()).isEqualTo(
                new Address("AVENIDA REPUBLICA DO CHILE", "65", "ANDAR 22", "CENTRO", "Rio de Janeiro", "RJ", "20031912"));
        assertThat(petrobras.email()).isEqualTo("cadastro@petrobras.com.br");
        assertThat(petrobras.simples()).as("\"Não\"").isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.mei()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.partners()).containsExactly(
                new Partner("ANA LUIZA FERREIRA", "Presidente", LocalDate.of(2024, 5, 24)),
                new Partner("CARLOS EDUARDO MOTA", "Diretor", LocalDate.of(2023, 1, 26)),
                new Partner("BEATRIZ SANTOS LIMA", "Conselheiro de Administração", LocalDate.of(2023, 4, 27)));
        assertThat(petrobras.stateRegistrations()).containsExactly(new StateRegistration("RJ", "81281973", true));
        assertThat(petrobras.dataAsOf()).as("atualizado_em, 03:00Z being midnight in Brasília").isEqualTo(LocalDate.of(2026, 11, 8));
    }

    @Test
    void readsCnpja() {
        CompanySnapshot petrobras = found("cnpja");
        assertCommonFacts(petrobras, "cnpja");
        assertThat(petrobras.tradeName()).isEqualTo("Petrobras");
        assertThat(petrobras.registrationStatusReason()).isNull();
        assertThat(petrobras.mainActivity()).isEqualTo(new Activity("0600001", EXTRACTION));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", REFINING),
                new Activity("3520401", GAS), new Activity("4681801", FUEL_TRADE));
        assertThat(petrobras.address()).isEqualTo(
                new Address("Avenida República do Chile", "65", "Andar 22", "Centro", "Rio de Janeiro", "RJ", "20031912"));
        assertThat(petrobras.email()).isEqualTo("cadastro@petrobras.com.br");
        assertThat(petrobras.simples()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.mei()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.partners()).containsExactly(
                new Partner("Ana Luiza Ferreira", "Presidente", LocalDate.of(2024, 5, 24)),
                new Partner("Carlos Eduardo Mota", "Diretor", LocalDate.of(2023, 1, 26)),
                new Partner("Beatriz Santos Lima", "Conselheiro de Administração", LocalDate.of(2023, 4, 27)));
        assertThat(petrobras.stateRegistrations()).containsExactly(new StateRegistration("RJ", "81281973", true));
        assertThat(petrobras.dataAsOf()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void readsReceitaWs() {
        CompanySnapshot petrobras = found("receitaws");
        assertCommonFacts(petrobras, "receitaws");
        assertThat(petrobras.tradeName()).isEqualTo("PETROBRAS");
        assertThat(petrobras.registrationStatusReason()).isNull();
        assertThat(petrobras.mainActivity()).as("06.00-0-01").isEqualTo(new Activity("0600001", EXTRACTION));
        assertThat(petrobras.secondaryActivities()).containsExactly(new Activity("1921700", REFINING),
                new Activity("3520401", GAS), new Activity("4681801", FUEL_TRADE));
        assertThat(petrobras.address()).isEqualTo(
                new Address("AV REPUBLICA DO CHILE", "65", "ANDAR 22", "CENTRO", "RIO DE JANEIRO", "RJ", "20031912"));
        assertThat(petrobras.email()).isEqualTo("cadastro@petrobras.com.br");
        assertThat(petrobras.simples()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.mei()).isEqualTo(new Regime(false, null, null));
        assertThat(petrobras.partners()).as("no dates; qualification codes dropped").containsExactly(
                new Partner("ANA LUIZA FERREIRA", "Presidente", null),
                new Partner("CARLOS EDUARDO MOTA", "Diretor", null),
                new Partner("BEATRIZ SANTOS LIMA", "Conselheiro de Administração", null));
        assertThat(petrobras.stateRegistrations()).isEmpty();
        assertThat(petrobras.dataAsOf()).as("20:59 in Brasília").isEqualTo(LocalDate.of(2026, 11, 21));
    }

    /** What every provider says alike about the company, whatever its format. */
    private static void assertCommonFacts(CompanySnapshot petrobras, String source) {
        assertThat(petrobras.cnpj()).isEqualTo("33000167000101");
        assertThat(petrobras.source()).isEqualTo(source);
        assertThat(petrobras.fetchedAt()).isEqualTo(NOW);
        assertThat(petrobras.changes()).isEmpty();
        assertThat(petrobras.legalName()).isEqualTo("PETROLEO BRASILEIRO S A PETROBRAS");
        assertThat(petrobras.registrationStatus()).isEqualTo(RegistrationStatus.ATIVA);
        assertThat(petrobras.registrationStatusDate()).isEqualTo(LocalDate.of(2005, 11, 3));
        assertThat(petrobras.openedOn()).isEqualTo(LocalDate.of(1966, 10, 12));
        assertThat(petrobras.legalNature()).isEqualTo("Sociedade de Economia Mista");
        assertThat(petrobras.phone()).isEqualTo("(21) 3224-4477");
        assertThat(petrobras.shareCapital()).isEqualTo(new BigDecimal("205431960490.52"));
        assertThat(petrobras.size()).isEqualTo("DEMAIS");
    }

    @Test
    void sendsItsUserAgentAndAsksForJson() {
        found("cnpjws");
        FakeProviders.server().verify(getRequestedFor(urlPathEqualTo("/cnpjws/33000167000101"))
                .withHeader("User-Agent", equalTo(USER_AGENT))
                .withHeader("Accept", equalTo("application/json")));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void readsNotFound(String provider) {
        answer(provider, NOBODY, provider.equals("receitaws")
                ? json(200, fixture("receitaws/not-found.json"))
                : json(404, fixture(provider + "/not-found.json")));
        assertThat(client(provider).fetch(NOBODY)).isInstanceOf(Missing.class);
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void readsRateLimitingWithItsRetryAfter(String provider) {
        answer(provider, PETROBRAS, rateLimited(provider).withHeader("Retry-After", "120"));
        assertThat(client(provider).fetch(PETROBRAS)).asInstanceOf(type(Throttled.class))
                .extracting(Throttled::retryAfter).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void readsServerErrorsAsFailures(String provider) {
        answer(provider, PETROBRAS, serverError(provider));
        assertThat(client(provider).fetch(PETROBRAS)).asInstanceOf(type(Failed.class))
                .extracting(Failed::detail).asString().startsWith("HTTP 5");
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void givesUpOnSlowAnswers(String provider) {
        ProviderFakes.slow(provider, PETROBRAS, Duration.ofSeconds(3));
        ProviderClient impatient = client(provider, Duration.ofMillis(300));
        assertThat(impatient.fetch(PETROBRAS)).isEqualTo(new Failed("no answer within 300 ms"));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void readsAnHtmlPageInsteadOfJsonAsThrottling(String provider) {
        answer(provider, PETROBRAS, text(200, "text/html; charset=utf-8", fixture("maintenance.html")));
        assertThat(client(provider).fetch(PETROBRAS)).asInstanceOf(type(Throttled.class))
                .extracting(Throttled::retryAfter).isNull();
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void readsAMalformedBodyAsAFailure(String provider) {
        answer(provider, PETROBRAS, json(200, fixture("truncated.json")));
        assertThat(client(provider).fetch(PETROBRAS)).isEqualTo(new Failed("HTTP 200 with a body that is not a JSON object"));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void distrustsAnAnswerAboutAnotherCompany(String provider) {
        answer(provider, NOBODY, json(200, fixture(provider + "/found.json")));
        assertThat(client(provider).fetch(NOBODY))
                .isEqualTo(new Failed("answered for CNPJ 33000167000101 when asked for 11222333000181"));
    }

    @ParameterizedTest
    @FieldSource("PROVIDERS")
    void distrustsA404WithoutJson(String provider) {
        answer(provider, PETROBRAS, text(404, "text/plain", "No response could be served"));
        assertThat(client(provider).fetch(PETROBRAS)).isInstanceOf(Failed.class);
    }

    @Test
    void readsReceitaWsErrorsByTheirWords() {
        answer("receitaws", PETROBRAS, json(200, fixture("receitaws/rate-limited-200.json")));
        assertThat(client("receitaws").fetch(PETROBRAS)).isInstanceOf(Throttled.class);
        answer("receitaws", NOBODY, json(200, fixture("receitaws/invalid.json")));
        assertThat(client("receitaws").fetch(NOBODY)).isEqualTo(new Refused("CNPJ inválido"));
    }

    @Test
    void readsARefusalOfTheCnpj() {
        answer("minhareceita", NOBODY, json(400, "{\"message\": \"CNPJ 11222333000181 inválido.\"}"));
        assertThat(client("minhareceita").fetch(NOBODY)).isEqualTo(new Refused("CNPJ 11222333000181 inválido."));
    }

    @Test
    void readsAnHtml403AsThrottlingAndAJson403AsAFailure() {
        answer("opencnpj", PETROBRAS, text(403, "text/html; charset=UTF-8", fixture("opencnpj/rate-limited.html")));
        assertThat(client("opencnpj").fetch(PETROBRAS)).isInstanceOf(Throttled.class);
        answer("cnpja", PETROBRAS, json(403, "{\"code\": 403, \"message\": \"Forbidden\"}"));
        assertThat(client("cnpja").fetch(PETROBRAS)).isEqualTo(new Failed("HTTP 403: Forbidden"));
    }

    @Test
    void honoursA503RetryAfterAsThrottling() {
        answer("cnpja", PETROBRAS, json(503, fixture("cnpja/server-error.json")).withHeader("Retry-After", "30"));
        assertThat(client("cnpja").fetch(PETROBRAS)).isEqualTo(new Throttled(Duration.ofSeconds(30), "HTTP 503, unavailable for 30 s"));
    }

    @Test
    void refusesAnswersTooLargeToBeACompany() {
        answer("brasilapi", PETROBRAS, json(200, "{\"cnpj\": \"" + "x".repeat(ProviderClient.MAX_BODY_BYTES) + "\"}"));
        assertThat(client("brasilapi").fetch(PETROBRAS)).asInstanceOf(type(Failed.class))
                .extracting(Failed::detail).asString().contains("larger than 2 MB");
    }

    @Test
    void failsClearlyWhenNothingListens() {
        ProviderClient nowhere = new ProviderClient(ProviderClients.format("cnpja"),
                new ProviderSettings(URI.create("http://127.0.0.1:9/office"), 0, Duration.ofSeconds(2), true, false), USER_AGENT,
                Clock.fixed(NOW, ZoneOffset.UTC), ObservationRegistry.NOOP);
        clients.add(nowhere);
        assertThat(nowhere.fetch(PETROBRAS)).isEqualTo(new Failed("could not connect to 127.0.0.1"));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(ProviderClient.retryAfter("90", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ProviderClient.retryAfter("Wed, 25 Nov 2026 13:05:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ProviderClient.retryAfter("Wed, 25 Nov 2026 12:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(ProviderClient.retryAfter("86400000", NOW)).isEqualTo(ProviderClient.MAX_PAUSE);
        assertThat(ProviderClient.retryAfter("soon", NOW)).isNull();
        assertThat(ProviderClient.retryAfter(null, NOW)).isNull();
    }

    private CompanySnapshot found(String provider) {
        ProviderFakes.found(provider, PETROBRAS);
        return client(provider).fetch(PETROBRAS) instanceof Found(CompanySnapshot snapshot) ? snapshot
                : org.assertj.core.api.Assertions.fail(provider + " did not find the company");
    }

    private static ResponseDefinitionBuilder rateLimited(String provider) {
        return switch (provider) {
            case "brasilapi", "minhareceita", "receitaws" -> text(429, "text/plain", fixture(provider + "/rate-limited.txt"));
            case "opencnpj" -> text(403, "text/html; charset=UTF-8", fixture("opencnpj/rate-limited.html"));
            default -> json(429, fixture(provider + "/rate-limited.json"));
        };
    }

    private static ResponseDefinitionBuilder serverError(String provider) {
        return switch (provider) {
            case "minhareceita" -> text(502, "text/html", fixture("minhareceita/server-error.html"));
            case "receitaws" -> text(521, "text/html", fixture("receitaws/server-error.html"));
            case "opencnpj" -> json(502, fixture("opencnpj/server-error.json"));
            case "cnpja" -> json(503, fixture("cnpja/server-error.json"));
            default -> json(500, fixture(provider + "/server-error.json"));
        };
    }

    private ProviderClient client(String provider) {
        return client(provider, Duration.ofSeconds(10));
    }

    private ProviderClient client(String provider, Duration timeout) {
        ProviderClient client = new ProviderClient(ProviderClients.format(provider),
                new ProviderSettings(URI.create(FakeProviders.baseUrl(provider)), 0, timeout, true, true), USER_AGENT,
                Clock.fixed(NOW, ZoneOffset.UTC), ObservationRegistry.NOOP);
        clients.add(client);
        return client;
    }
}

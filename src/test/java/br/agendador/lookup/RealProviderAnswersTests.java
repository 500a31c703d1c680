package br.agendador.lookup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.lookup.ProviderAnswer.Failed;
import br.agendador.lookup.ProviderAnswer.Found;
import br.agendador.lookup.ProviderAnswer.Missing;
import br.agendador.lookup.ProviderAnswer.Refused;
import br.agendador.lookup.ProviderAnswer.Throttled;
import br.agendador.support.FakeProviders;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static br.agendador.lookup.ProviderFakes.NOBODY;
import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The providers' real answers, recorded by other people (src/test/resources/providers-real/,
 * provenance in its SOURCES.md), served over HTTP by the fake and read by the adapters. Each
 * success is compared field by field with the snapshot beside it ({@code <file>.snapshot.json},
 * read and checked by hand against the body); where a body lacks a field the snapshot has null
 * and names the field in {@code notGiven}. {@code -Dproviders.record=true} rewrites those files
 * (review the diff: they are the expectation).
 */
class RealProviderAnswersTests {

    static final List<String> ANSWERS = List.of(
            "brasilapi/ok-19131243000197-swift.json",
            "brasilapi/ok-33050246003142-filial.json",
            "minhareceita/ok-19131243000197-testdata.json",
            "minhareceita/ok-33683111000280-docs.json",
            "receitaws/ok-44356113000108-baixada-mei-oca.json",
            "receitaws/ok-27865757000102-globo-readme.json",
            "receitaws/ok-27865757000102-conexalabs-respostaReceita.json",
            "receitaws/ok-21575900000137-conexalabs-respostaReceita_2.json",
            "cnpjws/ok-05896570000125-baixada-mei-excluded.json",
            "cnpja/ok-02741897000300-baixada-filial-16members.json",
            "cnpja/ok-37335118000180-cnpja-own.json",
            "opencnpj/ok-33000167000101-petrobras-readme.json");
    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");
    private static final Pattern CNPJ_IN_NAME = Pattern.compile("ok-(\\d{14})");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final List<ProviderClient> clients = new ArrayList<>();

    @AfterEach
    void reset() {
        clients.forEach(ProviderClient::close);
        ProviderFakes.reset();
    }

    @ParameterizedTest
    @FieldSource("ANSWERS")
    void readsEachRealAnswerFieldByField(String file) throws IOException {
        CompanySnapshot snapshot = found(file);
        String written = JSON.writeValueAsString(snapshot);
        Path expected = Path.of("src/test/resources/providers-real", file.replace(".json", ".snapshot.json"));
        if (Boolean.getBoolean("providers.record")) {
            Files.writeString(expected, written + "\n");
        }
        JsonNode want = JSON.readTree(Files.readString(expected));
        assertThat(JSON.readTree(written)).as(file + "\n" + written).isEqualTo(want);
        assertThat(snapshot.cnpj()).isEqualTo(cnpjOf(file).value());
        assertThat(snapshot.changes()).isEmpty();
    }

    @Test
    void cnpjaDatesItsRecordByTheDayItWrites() {
        CompanySnapshot clinic = found("cnpja/ok-02741897000300-baixada-filial-16members.json");
        assertThat(clinic.dataAsOf()).as("\"updated\": \"2024-09-14T00:00:00.000Z\" is the 14th, not the 13th in Brasília")
                .isEqualTo(LocalDate.of(2024, 9, 14));
        assertThat(clinic.registrationStatusReason()).isEqualTo("Extinção Por Encerramento Liquidação Voluntária");
        assertThat(clinic.partners()).hasSize(16);
        assertThat(clinic.simples()).isEqualTo(new Regime(false, null, null));
        assertThat(clinic.notGiven()).containsExactly("simples.until", "mei.until");
    }

    @Test
    void openCnpjGivesCodesWithoutDescriptionsAndMayLeaveOutTheStreetType() {
        CompanySnapshot petrobras = found("opencnpj/ok-33000167000101-petrobras-readme.json");
        assertThat(petrobras.mainActivity()).isEqualTo(new Activity("1921700", null));
        assertThat(petrobras.secondaryActivities()).extracting(Activity::description).containsOnlyNulls();
        assertThat(petrobras.address().street()).as("no tipo_logradouro in this release").isEqualTo("REPUBLICA DO CHILE");
        assertThat(petrobras.simples()).as("\"opcao_simples\": \"\" is unknown, not \"N\"").isNull();
        assertThat(petrobras.mei()).isNull();
        assertThat(petrobras.registrationStatusReason()).isNull();
        assertThat(petrobras.notGiven()).contains("simples", "mei", "registrationStatusReason", "activityDescriptions");
        assertThat(petrobras.phone()).as("the fax is not the phone").isEqualTo("(21) 2166-0000");
    }

    @Test
    void receitaWsOftenSaysNothingOfSimplesOrMei() {
        CompanySnapshot individual = found("receitaws/ok-44356113000108-baixada-mei-oca.json");
        assertThat(individual.simples()).isNull();
        assertThat(individual.mei()).as("MEI cannot be told from this answer").isNull();
        assertThat(individual.notGiven()).contains("simples", "mei", "partners.since");
        assertThat(individual.mainActivity()).as("a masked description is none").isEqualTo(new Activity("4751201", null));
        assertThat(individual.secondaryActivities()).as("00.00-0-00 'Não informada' is no activity").isEmpty();
    }

    /**
     * OpenCNPJ's own documentation example: a placeholder company (CNPJ and codes of zeros) that
     * no fetch can return, read straight through the format to check every key it documents.
     */
    @Test
    void readsOpenCnpjsDocumentedExample() {
        JsonFields body = new JsonFields(JSON.readTree(real("opencnpj/docs-example-placeholder-2026-01.json")));
        CompanySnapshot example = ((Found) ProviderClients.format("opencnpj").read(body, ProviderFakes.PETROBRAS, NOW))
                .snapshot();
        assertThat(example.cnpj()).isEqualTo("00000000000000");
        assertThat(example.legalName()).isEqualTo("EMPRESA EXEMPLO LTDA");
        assertThat(example.tradeName()).isEqualTo("EXEMPLO");
        assertThat(example.registrationStatus()).isEqualTo(br.agendador.cnpj.RegistrationStatus.ATIVA);
        assertThat(example.registrationStatusDate()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(example.legalNature()).isEqualTo("Sociedade Empresária Limitada");
        assertThat(example.address()).isEqualTo(new CompanySnapshot.Address("RUA EXEMPLO", "123", "SALA 1", "BAIRRO EXEMPLO",
                "SAO PAULO", "SP", "00000000"));
        assertThat(example.email()).isEqualTo("contato@exemplo.com");
        assertThat(example.shareCapital()).isEqualByComparingTo("1000.00");
        assertThat(example.size()).isEqualTo("ME");
        assertThat(example.simples()).as("null: unknown").isNull();
        assertThat(example.partners()).extracting(CompanySnapshot.Partner::role)
                .containsExactly("Sócio Pessoa Jurídica", "Administrador");
        assertThat(example.partners()).extracting(CompanySnapshot.Partner::since).containsOnly(LocalDate.of(2000, 1, 1));
    }

    /** BrasilAPI proxies minha-receita: the same recording through both says the same, with no change between them. */
    @Test
    void theSameCompanyFromBrasilApiAndMinhaReceitaChangesNothing() {
        CompanySnapshot viaBrasilApi = found("brasilapi/ok-19131243000197-swift.json");
        CompanySnapshot viaMinhaReceita = found("minhareceita/ok-19131243000197-testdata.json");
        assertThat(SnapshotDiff.between(viaBrasilApi, viaMinhaReceita)).isEmpty();
        assertThat(SnapshotDiff.between(viaMinhaReceita, viaBrasilApi)).isEmpty();
    }

    @Test
    void readsEachRealErrorBody() {
        assertThat(error("brasilapi", 404, "brasilapi/err-404-docs-example.json")).isInstanceOf(Missing.class);
        assertThat(error("brasilapi", 400, "brasilapi/err-400-docs-example.json"))
                .isEqualTo(new Refused("CNPJ deve conter exatamente 14 caracteres."));
        assertThat(error("minhareceita", 404, "minhareceita/err-404-00000000000191-api_test.json")).isInstanceOf(Missing.class);
        assertThat(error("minhareceita", 400, "minhareceita/err-400-foobar-api_test.json"))
                .isEqualTo(new Refused("CNPJ foobar inválido."));
        assertThat(error("opencnpj", 404, "opencnpj/err-404-notfound-openapi.json")).isInstanceOf(Missing.class);
        assertThat(error("opencnpj", 400, "opencnpj/err-400-invalid-openapi.json")).isEqualTo(new Refused("invalid cnpj"));
        assertThat(error("opencnpj", 502, "opencnpj/err-502-shard-openapi.json")).asInstanceOf(type(Failed.class))
                .extracting(Failed::detail).asString().startsWith("HTTP 502");
        assertThat(error("cnpjws", 400, "cnpjws/err-400-docs-model.json")).isInstanceOf(Refused.class);
        assertThat(error("receitaws", 200, "receitaws/err-200-00000000000000-rejeitado-oca.json"))
                .as("HTTP 200 with status ERROR: the Receita rejects the CNPJ").isInstanceOf(Missing.class);
        assertThat(error("cnpja", 429, "cnpja/err-429-rate-limit-docs.json")).isInstanceOf(Throttled.class);
        assertThat(error("cnpja", 429, "cnpja/err-429-credits-docs.json")).as("the budget is spent: wait, do not fail")
                .asInstanceOf(type(Throttled.class)).extracting(Throttled::detail).asString().contains("not enough credits");
    }

    private CompanySnapshot found(String file) {
        String provider = file.substring(0, file.indexOf('/'));
        Cnpj cnpj = cnpjOf(file);
        answer(provider, cnpj, json(200, real(file)));
        return client(provider).fetch(cnpj) instanceof Found(CompanySnapshot snapshot) ? snapshot
                : org.assertj.core.api.Assertions.fail(file + " was not read as a company");
    }

    private ProviderAnswer error(String provider, int status, String file) {
        answer(provider, NOBODY, json(status, real(file)));
        return client(provider).fetch(NOBODY);
    }

    private static Cnpj cnpjOf(String file) {
        Matcher digits = CNPJ_IN_NAME.matcher(file);
        assertThat(digits.find()).as(file).isTrue();
        return Cnpj.parse(digits.group(1));
    }

    /** A file under src/test/resources/providers-real/. */
    static String real(String path) {
        try (InputStream in = RealProviderAnswersTests.class.getResourceAsStream("/providers-real/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No real answer providers-real/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProviderClient client(String provider) {
        ProviderClient client = new ProviderClient(ProviderClients.format(provider),
                new ProviderSettings(URI.create(FakeProviders.baseUrl(provider)), 0, Duration.ofSeconds(10), true, true),
                "AgendadorCNPJ/9.9.9 (test)", Clock.fixed(NOW, ZoneOffset.UTC), ObservationRegistry.NOOP);
        clients.add(client);
        return client;
    }
}

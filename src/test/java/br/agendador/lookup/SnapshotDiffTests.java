package br.agendador.lookup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.CompanySnapshot.Partner;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.cnpj.CompanySnapshot.StateRegistration;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.lookup.ProviderAnswer.Found;
import br.agendador.support.FakeProviders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDiffTests {

    private static final Instant MONDAY = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void findsNothingBetweenEqualSnapshots() {
        assertThat(SnapshotDiff.between(company("brasilapi", MONDAY), company("brasilapi", TUESDAY))).isEmpty();
    }

    @Test
    void recordsEveryFieldThatChanged() {
        CompanySnapshot before = company("brasilapi", MONDAY);
        CompanySnapshot after = new CompanySnapshot(before.cnpj(), "PETROLEO BRASILEIRO S.A. - PETROBRAS", null,
                RegistrationStatus.INAPTA, LocalDate.of(2026, 11, 20), "OMISSAO DE DECLARACOES", before.openedOn(),
                before.legalNature(), new Activity("1921700", "Fabricação de produtos do refino de petróleo"),
                List.of(new Activity("0600001", "Extração de petróleo e gás natural"),
                        new Activity("3520401", "Produção de gás; processamento de gás natural")),
                new Address("AVENIDA HENRIQUE VALADARES", "28", "TORRE A", "CENTRO", "RIO DE JANEIRO", "RJ", "20231030"),
                "(21) 3224-1510", before.email(), new BigDecimal("205431960490.52"), "DEMAIS",
                new Regime(true, LocalDate.of(2026, 1, 1), null), new Regime(false, null, null),
                List.of(new Partner("ANA LUIZA FERREIRA", "Presidente", LocalDate.of(2024, 5, 24)),
                        new Partner("CARLOS EDUARDO MOTA", "Diretor-Presidente", LocalDate.of(2023, 1, 26)),
                        new Partner("JOAO PEDRO ALVES", "Diretor", LocalDate.of(2026, 11, 1))),
                List.of(), "brasilapi", null, TUESDAY, List.of());

        assertThat(SnapshotDiff.between(before, after)).containsExactly(
                new FieldChange("legalName", "PETROLEO BRASILEIRO S A PETROBRAS", "PETROLEO BRASILEIRO S.A. - PETROBRAS"),
                new FieldChange("tradeName", "PETROBRAS", null),
                new FieldChange("registrationStatus", "ATIVA", "INAPTA"),
                new FieldChange("registrationStatusDate", "2005-11-03", "2026-11-20"),
                new FieldChange("registrationStatusReason", null, "OMISSAO DE DECLARACOES"),
                new FieldChange("mainActivity", "0600001 - Extração de petróleo e gás natural",
                        "1921700 - Fabricação de produtos do refino de petróleo"),
                new FieldChange("secondaryActivities", "1921700 - Fabricação de produtos do refino de petróleo", null),
                new FieldChange("secondaryActivities", "4681801 - " + before.secondaryActivities().get(2).description(), null),
                new FieldChange("secondaryActivities", null, "0600001 - Extração de petróleo e gás natural"),
                new FieldChange("address.street", "AVENIDA REPUBLICA DO CHILE", "AVENIDA HENRIQUE VALADARES"),
                new FieldChange("address.number", "65", "28"),
                new FieldChange("address.complement", "ANDAR 22", "TORRE A"),
                new FieldChange("address.zipCode", "20031912", "20231030"),
                new FieldChange("phone", "(21) 3224-4477", "(21) 3224-1510"),
                new FieldChange("simples.optant", "false", "true"),
                new FieldChange("simples.since", null, "2026-01-01"),
                new FieldChange("partners", "CARLOS EDUARDO MOTA (Diretor)", "CARLOS EDUARDO MOTA (Diretor-Presidente)"),
                new FieldChange("partners", "BEATRIZ SANTOS LIMA (Conselheiro de Administração)", null),
                new FieldChange("partners", null, "JOAO PEDRO ALVES (Diretor)"));
    }

    @Test
    void findsNothingBetweenProvidersWritingTheSameFactsDifferently() {
        List<CompanySnapshot> pictures = new ArrayList<>();
        FakeProviders.NAMES.forEach(provider -> pictures.add(company(provider, MONDAY)));
        for (CompanySnapshot before : pictures) {
            for (CompanySnapshot after : pictures) {
                assertThat(SnapshotDiff.between(before, after)).as(before.source() + " -> " + after.source()).isEmpty();
            }
        }
    }

    @Test
    void countsWhatOnlyOneProviderGivesAsAChangeOnlyFromTheSameProvider() {
        CompanySnapshot withRegistration = company("cnpjws", MONDAY);
        CompanySnapshot withoutRegistration = company("brasilapi", TUESDAY);
        assertThat(SnapshotDiff.between(withRegistration, withoutRegistration)).isEmpty();

        CompanySnapshot cancelled = copyWith(withRegistration, List.of(), null);
        assertThat(SnapshotDiff.between(withRegistration, cancelled)).containsExactly(
                new FieldChange("email", "cadastro@petrobras.com.br", null),
                new FieldChange("stateRegistrations", "RJ 81281973 (ativa)", null));
    }

    @Test
    void seesARealChangeAcrossProviders() {
        CompanySnapshot before = company("receitaws", MONDAY);
        CompanySnapshot answer = company("cnpja", TUESDAY);
        CompanySnapshot after = new CompanySnapshot(answer.cnpj(), answer.legalName(), answer.tradeName(),
                RegistrationStatus.BAIXADA, LocalDate.of(2026, 11, 22), "EXTINCAO POR ENCERRAMENTO LIQUIDACAO VOLUNTARIA",
                answer.openedOn(), answer.legalNature(), answer.mainActivity(), answer.secondaryActivities(), answer.address(),
                answer.phone(), answer.email(), answer.shareCapital(), answer.size(), answer.simples(), answer.mei(),
                answer.partners(), answer.stateRegistrations(), answer.source(), answer.dataAsOf(), TUESDAY, List.of());
        assertThat(SnapshotDiff.between(before, after)).containsExactly(
                new FieldChange("registrationStatus", "ATIVA", "BAIXADA"),
                new FieldChange("registrationStatusDate", "2005-11-03", "2026-11-22"));
    }

    @Test
    void comparesTextsWithoutCaseAccentsPunctuationOrStreetAbbreviations() {
        assertThat(SnapshotDiff.street("Av. República do Chile")).isEqualTo(SnapshotDiff.street("AVENIDA REPUBLICA DO CHILE"));
        assertThat(SnapshotDiff.street("R  Sete de Setembro")).isEqualTo("RUA SETE DE SETEMBRO");
        assertThat(SnapshotDiff.street("RUA AVANHANDAVA")).isEqualTo("RUA AVANHANDAVA");
        assertThat(SnapshotDiff.plain("Sócio-Administrador ")).isEqualTo("SOCIO ADMINISTRADOR");
    }

    /**
     * OpenCNPJ leaves the street type out and BrasilAPI pads house numbers with zeros: neither is
     * a change; another type or another number is.
     */
    @Test
    void aStreetTypeLeftOutOrANumberPaddedWithZerosIsNoChange() {
        CompanySnapshot withType = withAddress(company("brasilapi", MONDAY), "AVENIDA REPUBLICA DO CHILE", "00209");
        CompanySnapshot withoutType = withAddress(company("opencnpj", TUESDAY), "REPUBLICA DO CHILE", "209");

        assertThat(SnapshotDiff.between(withType, withoutType)).isEmpty();
        assertThat(SnapshotDiff.between(withoutType, withType)).isEmpty();
        assertThat(SnapshotDiff.between(withType, withAddress(withoutType, "RUA REPUBLICA DO CHILE", "209")))
                .containsExactly(new FieldChange("address.street", "AVENIDA REPUBLICA DO CHILE", "RUA REPUBLICA DO CHILE"));
        assertThat(SnapshotDiff.between(withType, withAddress(withoutType, "REPUBLICA DO CHILE", "2090")))
                .containsExactly(new FieldChange("address.number", "00209", "2090"));
        assertThat(SnapshotDiff.between(withAddress(withType, "AVENIDA REPUBLICA DO CHILE", "0"),
                withAddress(withType, "AVENIDA REPUBLICA DO CHILE", "00"))).as("no number, however written").isEmpty();
    }

    private static CompanySnapshot withAddress(CompanySnapshot s, String street, String number) {
        Address a = s.address();
        return new CompanySnapshot(s.cnpj(), s.legalName(), s.tradeName(), s.registrationStatus(), s.registrationStatusDate(),
                s.registrationStatusReason(), s.openedOn(), s.legalNature(), s.mainActivity(), s.secondaryActivities(),
                new Address(street, number, a.complement(), a.district(), a.city(), a.state(), a.zipCode()), s.phone(), s.email(),
                s.shareCapital(), s.size(), s.simples(), s.mei(), s.partners(), s.stateRegistrations(), s.source(), s.dataAsOf(),
                s.fetchedAt(), List.of(), s.notGiven());
    }

    /** A provider's fixture read straight through its format. */
    static CompanySnapshot company(String provider, Instant fetchedAt) {
        JsonFields body = new JsonFields(JsonMapper.builder().build().readTree(fixture(provider + "/found.json")));
        return ((Found) ProviderClients.format(provider).read(body, PETROBRAS, fetchedAt)).snapshot();
    }

    private static CompanySnapshot copyWith(CompanySnapshot s, List<StateRegistration> registrations, String email) {
        return new CompanySnapshot(s.cnpj(), s.legalName(), s.tradeName(), s.registrationStatus(), s.registrationStatusDate(),
                s.registrationStatusReason(), s.openedOn(), s.legalNature(), s.mainActivity(), s.secondaryActivities(),
                s.address(), s.phone(), email, s.shareCapital(), s.size(), s.simples(), s.mei(), s.partners(), registrations,
                s.source(), s.dataAsOf(), TUESDAY, List.of());
    }
}

package br.agendador.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.FieldChange;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.lookup.Snapshots.ChangeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static br.agendador.lookup.ProviderFakes.NOBODY;
import static br.agendador.lookup.ProviderFakes.PETROBRAS;
import static br.agendador.lookup.ProviderFakes.answer;
import static br.agendador.lookup.ProviderFakes.fixture;
import static br.agendador.lookup.ProviderFakes.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every snapshot is stored and compared with the company's previous one. */
class ChangeDetectionTests extends LookupTestSupport {

    private static final Instant MONDAY = Instant.parse("2026-11-23T12:00:00Z");

    @BeforeEach
    void monday() {
        clock.set(MONDAY);
    }

    @Test
    void aLaterLookupReportsWhatChangedAtTheReceita() {
        TestLookup lookup = lookup(TestLookup.settings());
        answer("brasilapi", PETROBRAS, json(200, inTheSimples()));
        Found first = (Found) lookup.lookup(PETROBRAS);
        assertThat(first.snapshot().changes()).as("nothing to compare the first one with").isEmpty();

        clock.advance(Duration.ofDays(7));
        answer("brasilapi", PETROBRAS, json(200, inTheSimples()
                .replace("\"situacao_cadastral\": 2", "\"situacao_cadastral\": 4")
                .replace("\"descricao_situacao_cadastral\": \"ATIVA\"", "\"descricao_situacao_cadastral\": \"INAPTA\"")
                .replace("\"data_situacao_cadastral\": \"2005-11-03\"", "\"data_situacao_cadastral\": \"2026-11-27\"")
                .replace("\"opcao_pelo_simples\": true", "\"opcao_pelo_simples\": false")
                .replace("\"data_exclusao_do_simples\": null", "\"data_exclusao_do_simples\": \"2026-11-01\"")
                .replace("\"numero\": \"65\"", "\"numero\": \"28\"")
                .replace("BEATRIZ SANTOS LIMA", "JOAO PEDRO ALVES")));
        Found second = (Found) lookup.lookup(PETROBRAS);

        List<FieldChange> expected = List.of(
                new FieldChange("registrationStatus", "ATIVA", "INAPTA"),
                new FieldChange("registrationStatusDate", "2005-11-03", "2026-11-27"),
                new FieldChange("address.number", "65", "28"),
                new FieldChange("simples.optant", "true", "false"),
                new FieldChange("simples.until", null, "2026-11-01"),
                new FieldChange("partners", "BEATRIZ SANTOS LIMA (Conselheiro de Administração)", null),
                new FieldChange("partners", null, "JOAO PEDRO ALVES (Conselheiro de Administração)"));
        assertThat(second.snapshot().changes()).isEqualTo(expected);
        assertThat(snapshots.current(PETROBRAS)).get().isEqualTo(second.snapshot());
        assertThat(snapshots.history(PETROBRAS, 10)).containsExactly(
                new ChangeSet(MONDAY.plus(Duration.ofDays(7)), "brasilapi", null, expected));
        assertThat(jdbc.sql("SELECT count(*) FROM company_snapshots WHERE cnpj = ?").param(PETROBRAS.value())
                .query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Snapshots from the local dump are stored a batch at a time; each must end as if stored
     * alone, one after the other: compared with the one before it, even when that one is in the
     * same batch, and not stored at all when the current one already says the same.
     */
    @Test
    void aBatchStoresEachSnapshotAsAStoreAloneWould() {
        TestLookup lookup = lookup(TestLookup.settings());
        answer("brasilapi", PETROBRAS, json(200, fixture("brasilapi/found.json")));
        CompanySnapshot first = ((Found) lookup.lookup(PETROBRAS)).snapshot();
        clock.advance(Duration.ofDays(1));
        CompanySnapshot small = variant(first, "\"size\":\"DEMAIS\"", "\"size\":\"EPP\"");
        CompanySnapshot newcomer = variant(first, "\"cnpj\":\"" + PETROBRAS.value() + "\"", "\"cnpj\":\"" + NOBODY.value() + "\"");
        CompanySnapshot smaller = variant(small, "\"size\":\"EPP\"", "\"size\":\"ME\"");

        List<CompanySnapshot> stored = snapshots.storeAll(List.of(
                new Snapshots.Storing(small, current -> false),
                new Snapshots.Storing(newcomer, current -> false),
                new Snapshots.Storing(smaller, current -> false),
                new Snapshots.Storing(newcomer, current -> true)));

        assertThat(stored.get(0).changes()).containsExactly(new FieldChange("size", "DEMAIS", "EPP"));
        assertThat(stored.get(1).changes()).as("nothing to compare the first one with").isEmpty();
        assertThat(stored.get(2).changes()).as("compared with the one stored before it in the batch")
                .containsExactly(new FieldChange("size", "EPP", "ME"));
        assertThat(stored.get(3)).as("the current one says the same: it is the answer").isEqualTo(stored.get(1));
        assertThat(snapshots.current(PETROBRAS)).contains(stored.get(2));
        assertThat(jdbc.sql("SELECT cnpj, count(*) AS n FROM company_snapshots WHERE cnpj IN (?, ?) GROUP BY cnpj")
                .params(PETROBRAS.value(), NOBODY.value())
                .query((rs, row) -> rs.getString("cnpj") + "=" + rs.getLong("n")).list())
                .containsExactlyInAnyOrder(PETROBRAS.value() + "=3", NOBODY.value() + "=1");
    }

    private static CompanySnapshot variant(CompanySnapshot snapshot, String from, String to) {
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        String written = mapper.writeValueAsString(snapshot);
        assertThat(written).contains(from);
        return mapper.readValue(written.replace(from, to), CompanySnapshot.class);
    }

    @Test
    void aSnapshotReusedFromTheCacheTellsTheSameChanges() {
        TestLookup lookup = lookup(TestLookup.settings());
        answer("brasilapi", PETROBRAS, json(200, fixture("brasilapi/found.json")));
        lookup.lookup(PETROBRAS);
        clock.advance(Duration.ofDays(2));
        answer("brasilapi", PETROBRAS, json(200, fixture("brasilapi/found.json").replace("\"porte\": \"DEMAIS\"",
                "\"porte\": \"EMPRESA DE PEQUENO PORTE\"")));
        Found changed = (Found) lookup.lookup(PETROBRAS);
        clock.advance(Duration.ofHours(1));

        Found reused = (Found) lookup.lookup(PETROBRAS);

        assertThat(reused.snapshot()).isEqualTo(changed.snapshot());
        assertThat(reused.snapshot().changes()).containsExactly(new FieldChange("size", "DEMAIS", "EPP"));
    }

    @Test
    void olderDataFromALaggingProviderIsKeptButNeitherCurrentNorAChange() {
        TestLookup cnpjWs = lookup(TestLookup.settings().only("cnpjws").cacheTtl(Duration.ZERO));
        TestLookup receitaWs = lookup(TestLookup.settings().only("receitaws").cacheTtl(Duration.ZERO));
        TestLookup cnpja = lookup(TestLookup.settings().only("cnpja").cacheTtl(Duration.ZERO));
        answer("cnpjws", PETROBRAS, json(200, fixture("cnpjws/found.json")
                .replace("\"situacao_cadastral\": \"Ativa\"", "\"situacao_cadastral\": \"Suspensa\"")));
        answer("receitaws", PETROBRAS, json(200, fixture("receitaws/found.json")
                .replace("\"ultima_atualizacao\": \"2026-11-21T23:59:59.000Z\"", "\"ultima_atualizacao\": \"2026-10-01T10:00:00.000Z\"")));
        answer("cnpja", PETROBRAS, json(200, fixture("cnpja/found.json")
                .replace("\"status\": {\"id\": 2, \"text\": \"Ativa\"}", "\"status\": {\"id\": 3, \"text\": \"Suspensa\"}")));

        CompanySnapshot suspended = ((Found) cnpjWs.lookup(PETROBRAS)).snapshot();
        clock.advance(Duration.ofHours(1));
        CompanySnapshot lagging = ((Found) receitaWs.lookup(PETROBRAS)).snapshot();
        clock.advance(Duration.ofHours(1));
        CompanySnapshot fresher = ((Found) cnpja.lookup(PETROBRAS)).snapshot();

        assertThat(lagging.registrationStatus()).hasToString("ATIVA");
        assertThat(lagging.changes()).as("its data is from October; we already had November's").isEmpty();
        assertThat(fresher.changes()).as("compared with November's data, not with the lagging copy").isEmpty();
        assertThat(snapshots.current(PETROBRAS)).get().extracting(CompanySnapshot::source).isEqualTo("cnpja");
        assertThat(jdbc.sql("SELECT source FROM company_snapshots WHERE stale").query(String.class).list())
                .containsExactly("receitaws");
        assertThat(suspended.changes()).isEmpty();
    }

    /** BrasilAPI's Petrobras, opted into the Simples since 2010. */
    private static String inTheSimples() {
        return fixture("brasilapi/found.json")
                .replace("\"opcao_pelo_simples\": false", "\"opcao_pelo_simples\": true")
                .replace("\"data_opcao_pelo_simples\": null", "\"data_opcao_pelo_simples\": \"2010-01-01\"");
    }
}

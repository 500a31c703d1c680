package br.agendador.cnpj;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CompanySnapshotJsonTests {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void aStoredSnapshotWithoutItsListsReadsWithEmptyLists() {
        CompanySnapshot snapshot = json.readValue("""
                {"cnpj": "11222333000181", "legalName": "ACME LTDA", "source": "brasilapi",
                 "fetchedAt": "2026-11-25T14:02:11Z"}""", CompanySnapshot.class);

        assertThat(snapshot.legalName()).isEqualTo("ACME LTDA");
        assertThat(snapshot.secondaryActivities()).isEmpty();
        assertThat(snapshot.partners()).isEmpty();
        assertThat(snapshot.stateRegistrations()).isEmpty();
        assertThat(snapshot.changes()).isEmpty();
    }
}

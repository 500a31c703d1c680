package br.agendador.lookup;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFieldsTests {

    @Test
    void readsEveryDateFormatTheProvidersUse() {
        LocalDate may22 = LocalDate.of(2024, 5, 22);
        assertThat(JsonFields.parseDate("2024-05-22")).isEqualTo(may22);
        assertThat(JsonFields.parseDate("22/05/2024")).isEqualTo(may22);
        assertThat(JsonFields.parseDate("20240522")).isEqualTo(may22);
        assertThat(JsonFields.parseDate("2024-05-22T03:00:00.000Z")).as("midnight in Brasília").isEqualTo(may22);
        assertThat(JsonFields.parseDate("2024-05-22T02:59:59Z")).as("still the 21st in Brasília").isEqualTo(may22.minusDays(1));
        assertThat(JsonFields.parseDate("2024-05-22 14:10:00")).isEqualTo(may22);
        assertThat(JsonFields.parseDate("0000-00-00")).isNull();
        assertThat(JsonFields.parseDate("00/00/0000")).isNull();
        assertThat(JsonFields.parseDate("31/02/2024")).isNull();
        assertThat(JsonFields.parseDate("ontem")).isNull();
        assertThat(JsonFields.parseDate(null)).isNull();
    }

    @Test
    void readsAmountsWithDecimalCommaOrPoint() {
        assertThat(JsonFields.parseDecimal("29500,00")).isEqualByComparingTo("29500");
        assertThat(JsonFields.parseDecimal("R$ 1.234.567,89")).isEqualByComparingTo("1234567.89");
        assertThat(JsonFields.parseDecimal("400000.00")).isEqualByComparingTo("400000");
        assertThat(JsonFields.parseDecimal("muito")).isNull();
    }

    @Test
    void readsBlanksAndPlaceholdersAsNothing() {
        JsonFields body = fields("""
                {"empty": "  ", "stars": "********", "number": 600001, "flagS": "S", "flagNao": "Não", "flagOdd": "talvez",
                 "capital": 205431960490.52, "status": {"id": 2, "text": "Ativa"}, "reason": "SEM MOTIVO", "list": [{"a": 1}]}""");
        assertThat(body.text("empty")).isNull();
        assertThat(body.text("stars")).isNull();
        assertThat(body.text("absent")).isNull();
        assertThat(body.text("number")).isEqualTo("600001");
        assertThat(body.flag("flagS")).isTrue();
        assertThat(body.flag("flagNao")).isFalse();
        assertThat(body.flag("flagOdd")).isNull();
        assertThat(body.decimal("capital")).isEqualByComparingTo(new BigDecimal("205431960490.52"));
        assertThat(body.label("status")).isEqualTo("Ativa");
        assertThat(body.label("reason")).isEqualTo("SEM MOTIVO");
        assertThat(body.first("list").text("a")).isEqualTo("1");
        assertThat(body.first("absent").isPresent()).isFalse();
    }

    @Test
    void bringsReceitaCodesToOneForm() {
        assertThat(ReceitaCodes.cnae("06.00-0-01")).isEqualTo("0600001");
        assertThat(ReceitaCodes.cnae("600001")).isEqualTo("0600001");
        assertThat(ReceitaCodes.cnae("00.00-0-00")).isNull();
        assertThat(ReceitaCodes.size("Microempresa (ME)")).isEqualTo("ME");
        assertThat(ReceitaCodes.size("01")).isEqualTo("ME");
        assertThat(ReceitaCodes.size("EMPRESA DE PEQUENO PORTE")).isEqualTo("EPP");
        assertThat(ReceitaCodes.size("5")).isEqualTo("DEMAIS");
        assertThat(ReceitaCodes.size("Não informado")).isNull();
        assertThat(ReceitaCodes.withoutCode("203-8 - Sociedade de Economia Mista")).isEqualTo("Sociedade de Economia Mista");
        assertThat(ReceitaCodes.withoutCode("49-Sócio-Administrador")).isEqualTo("Sócio-Administrador");
        assertThat(ReceitaCodes.withoutCode("Sócio-Administrador")).isEqualTo("Sócio-Administrador");
        assertThat(ReceitaCodes.phone("(11) 98888-7777 / (11) 3000-0000")).isEqualTo("(11) 98888-7777");
        assertThat(ReceitaCodes.phone("21", "32244477")).isEqualTo("(21) 3224-4477");
        assertThat(ReceitaCodes.statusReason("SEM MOTIVO")).isNull();
        assertThat(ReceitaCodes.street("RUA", "RUA AUGUSTA")).isEqualTo("RUA AUGUSTA");
    }

    private static JsonFields fields(String json) {
        return new JsonFields(JsonMapper.builder().build().readTree(json));
    }
}

package br.agendador.lookup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.FieldChange;
import br.agendador.lookup.ProviderAnswer.Found;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One company, written the way each of the six providers writes it (the shapes of the real
 * answers: codes or texts, upper or title case, abbreviated or spelt-out street types, OpenCNPJ's
 * street without its type, BrasilAPI's zero-padded numbers, ReceitaWS's masks and dd/mm/yyyy
 * dates), then read back by the adapters: between any two of the snapshots nothing has changed.
 * A false change here would be a false alert to a compliance team.
 */
class SameCompanyInEveryFormatTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-25T13:00:00Z");
    private static final DateTimeFormatter BR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Cnpj CNPJ = ProviderFakes.PETROBRAS;
    private static final List<String> STATUSES = List.of("ATIVA", "SUSPENSA", "INAPTA", "BAIXADA");
    private static final Map<String, Integer> STATUS_CODES = Map.of("ATIVA", 2, "SUSPENSA", 3, "INAPTA", 4, "BAIXADA", 8);
    private static final Map<String, String> SIZES = Map.of("ME", "MICRO EMPRESA", "EPP", "EMPRESA DE PEQUENO PORTE",
            "DEMAIS", "DEMAIS");
    private static final Map<String, String> SIZE_CODES = Map.of("ME", "01", "EPP", "03", "DEMAIS", "05");
    private static final Map<String, String> STREET_ABBREVIATIONS = Map.of("AVENIDA", "AV", "RUA", "R", "ALAMEDA", "AL",
            "TRAVESSA", "TV", "RODOVIA", "ROD");

    @Property(tries = 200)
    void noChangeBetweenAnyTwoProviders(@ForAll("companies") Company company) {
        Map<String, CompanySnapshot> read = new LinkedHashMap<>();
        read.put("brasilapi", read("brasilapi", brasilApi(company, true)));
        read.put("minhareceita", read("minhareceita", brasilApi(company, false)));
        read.put("cnpjws", read("cnpjws", cnpjWs(company)));
        read.put("cnpja", read("cnpja", cnpja(company)));
        read.put("receitaws", read("receitaws", receitaWs(company)));
        read.put("opencnpj", read("opencnpj", openCnpj(company)));

        for (var before : read.entrySet()) {
            for (var after : read.entrySet()) {
                if (!before.getKey().equals(after.getKey())) {
                    List<FieldChange> changes = SnapshotDiff.between(before.getValue(), after.getValue());
                    assertThat(changes).as(before.getKey() + " then " + after.getKey() + " for " + company).isEmpty();
                }
            }
        }
    }

    @Provide
    Arbitrary<Company> companies() {
        Arbitrary<String> words = Arbitraries.of("COMERCIO", "AÇÚCAR", "SÃO", "JOÃO", "INDÚSTRIA", "LTDA", "CONSTRUÇÕES",
                "PARAÍSO", "ÁGUA", "SERVIÇOS", "CAFÉ", "D'ÁVILA", "IRMÃOS");
        Arbitrary<String> names = words.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join(" ", list));
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 18_000).map(days -> LocalDate.of(1975, 1, 1).plusDays(days));
        Arbitrary<Partner> partners = Combinators.combine(names,
                Arbitraries.of("Sócio-Administrador", "Diretor", "Sócio", "Presidente"), dates).as(Partner::new);
        Arbitrary<Registration> registrations = Combinators.combine(names, names, Arbitraries.of(STATUSES), dates, dates)
                .as(Registration::new);
        Arbitrary<Place> places = Combinators.combine(Arbitraries.of(STREET_ABBREVIATIONS.keySet()), names,
                Arbitraries.integers().between(1, 9999), names, Arbitraries.of("SÃO PAULO", "RIO DE JANEIRO", "BELÉM", "GOIÂNIA"),
                Arbitraries.of("SP", "RJ", "PA", "GO"), Arbitraries.strings().numeric().ofLength(8)).as(Place::new);
        Arbitrary<Money> money = Combinators.combine(Arbitraries.integers().between(11, 99),
                Arbitraries.integers().between(20_000_000, 39_999_999),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("9999999999.99")).ofScale(2),
                Arbitraries.of(SIZES.keySet()), Arbitraries.of(true, false), dates).as(Money::new);
        return Combinators.combine(registrations, places, money, partners.list().ofMaxSize(4).uniqueElements(Partner::name))
                .as((r, p, m, ps) -> new Company(r.legalName(), r.tradeName(), r.status(), r.statusDate(), r.openedOn(),
                        p.streetType(), p.street(), p.number(), p.district(), p.city(), p.state(), p.zip(), m.ddd(), m.phone(),
                        m.capital(), m.size(), m.simples(), m.simplesSince(), ps));
    }

    private static CompanySnapshot read(String provider, ObjectNode body) {
        ProviderAnswer answer = ProviderClients.format(provider).read(new JsonFields(body), CNPJ, AT);
        assertThat(answer).as(provider + ": " + body).isInstanceOf(Found.class);
        return ((Found) answer).snapshot();
    }

    private static ObjectNode template(String provider) {
        return (ObjectNode) JSON.readTree(ProviderFakes.fixture(provider + "/found.json"));
    }

    /** BrasilAPI and minha-receita: codes with descriptions beside them, upper case; BrasilAPI pads numbers with zeros. */
    private static ObjectNode brasilApi(Company c, boolean padded) {
        ObjectNode body = template(padded ? "brasilapi" : "minhareceita");
        body.put("razao_social", c.legalName()).put("nome_fantasia", c.tradeName())
                .put("situacao_cadastral", STATUS_CODES.get(c.status())).put("descricao_situacao_cadastral", c.status())
                .put("data_situacao_cadastral", c.statusDate().toString()).put("data_inicio_atividade", c.openedOn().toString())
                .put("descricao_tipo_de_logradouro", c.streetType()).put("logradouro", c.street())
                .put("numero", padded ? "%05d".formatted(c.number()) : String.valueOf(c.number()))
                .put("complemento", "").put("bairro", c.district()).put("municipio", c.city()).put("uf", c.state())
                .put("cep", c.zip()).put("ddd_telefone_1", "" + c.ddd() + c.phone()).put("ddd_telefone_2", "")
                .put("capital_social", c.capital()).put("codigo_porte", Integer.parseInt(SIZE_CODES.get(c.size())))
                .put("porte", SIZES.get(c.size()).equals("DEMAIS") ? "DEMAIS" : c.size())
                .put("opcao_pelo_simples", c.simples()).put("data_opcao_pelo_simples", c.simplesSince().toString())
                .put("data_exclusao_do_simples", (String) null);
        ArrayNode partners = body.putArray("qsa");
        c.partners().forEach(p -> partners.addObject().put("nome_socio", p.name()).put("qualificacao_socio", p.role())
                .put("data_entrada_sociedade", p.since().toString()));
        return body;
    }

    /** CNPJ.ws: the establishment apart, title-case city and state under their own objects, "Sim"/"Não". */
    private static ObjectNode cnpjWs(Company c) {
        ObjectNode body = template("cnpjws");
        body.put("razao_social", c.legalName()).put("capital_social", c.capital().toPlainString());
        ((ObjectNode) body.get("porte")).put("id", SIZE_CODES.get(c.size())).put("descricao", title(SIZES.get(c.size())));
        ((ObjectNode) body.get("simples")).put("simples", c.simples() ? "Sim" : "Não")
                .put("data_opcao_simples", c.simplesSince().toString()).put("data_exclusao_simples", (String) null);
        ArrayNode partners = body.putArray("socios");
        c.partners().forEach(p -> {
            ObjectNode partner = partners.addObject().put("nome", p.name()).put("data_entrada", p.since().toString());
            partner.putObject("qualificacao_socio").put("descricao", p.role());
        });
        ObjectNode office = (ObjectNode) body.get("estabelecimento");
        office.put("nome_fantasia", c.tradeName()).put("situacao_cadastral", title(c.status()))
                .put("data_situacao_cadastral", c.statusDate().toString()).put("data_inicio_atividade", c.openedOn().toString())
                .put("tipo_logradouro", c.streetType()).put("logradouro", c.street()).put("numero", String.valueOf(c.number()))
                .put("complemento", (String) null).put("bairro", c.district()).put("cep", c.zip())
                .put("ddd1", String.valueOf(c.ddd())).put("telefone1", String.valueOf(c.phone()))
                .put("ddd2", (String) null).put("telefone2", (String) null);
        ((ObjectNode) office.get("cidade")).put("nome", title(c.city()));
        ((ObjectNode) office.get("estado")).put("sigla", c.state());
        return body;
    }

    /** CNPJá: camelCase, everything in title case, the street type spelt out within the street. */
    private static ObjectNode cnpja(Company c) {
        ObjectNode body = template("cnpja");
        body.put("alias", title(c.tradeName())).put("founded", c.openedOn().toString())
                .put("statusDate", c.statusDate().toString());
        body.putObject("status").put("id", STATUS_CODES.get(c.status())).put("text", title(c.status()));
        ObjectNode company = (ObjectNode) body.get("company");
        company.put("name", c.legalName()).put("equity", c.capital());
        company.putObject("size").put("id", Integer.parseInt(SIZE_CODES.get(c.size()))).put("acronym", c.size())
                .put("text", title(SIZES.get(c.size())));
        company.putObject("simples").put("optant", c.simples()).put("since", c.simplesSince().toString());
        ArrayNode members = company.putArray("members");
        c.partners().forEach(p -> {
            ObjectNode member = members.addObject().put("since", p.since().toString());
            member.putObject("person").put("name", title(p.name()));
            member.putObject("role").put("text", p.role());
        });
        body.putObject("address").put("street", title(c.streetType() + " " + c.street()))
                .put("number", String.valueOf(c.number())).put("district", title(c.district())).put("city", title(c.city()))
                .put("state", c.state()).put("zip", c.zip());
        body.putArray("phones").addObject().put("area", String.valueOf(c.ddd())).put("number", String.valueOf(c.phone()));
        return body;
    }

    /** ReceitaWS: dd/mm/yyyy, masked CEP and phone, abbreviated street types, "code-text" roles, no partner dates. */
    private static ObjectNode receitaWs(Company c) {
        ObjectNode body = template("receitaws");
        String phone = String.valueOf(c.phone());
        body.put("nome", c.legalName()).put("fantasia", c.tradeName()).put("situacao", c.status())
                .put("data_situacao", BR_DATE.format(c.statusDate())).put("abertura", BR_DATE.format(c.openedOn()))
                .put("logradouro", STREET_ABBREVIATIONS.get(c.streetType()) + " " + c.street())
                .put("numero", String.valueOf(c.number())).put("complemento", "").put("bairro", c.district())
                .put("municipio", c.city()).put("uf", c.state())
                .put("cep", c.zip().substring(0, 2) + "." + c.zip().substring(2, 5) + "-" + c.zip().substring(5))
                .put("telefone", "(" + c.ddd() + ") " + phone.substring(0, 4) + "-" + phone.substring(4))
                .put("capital_social", c.capital().toPlainString()).put("porte", SIZES.get(c.size()));
        ((ObjectNode) body.get("simples")).put("optante", c.simples()).put("data_opcao", c.simplesSince().toString())
                .put("data_exclusao", (String) null);
        ArrayNode partners = body.putArray("qsa");
        c.partners().forEach(p -> partners.addObject().put("nome", p.name()).put("qual", "49-" + p.role()));
        return body;
    }

    /** OpenCNPJ as its older releases write it: no street type, title-case texts for codes, a decimal comma. */
    private static ObjectNode openCnpj(Company c) {
        ObjectNode body = template("opencnpj");
        body.remove("tipo_logradouro");
        body.put("razao_social", c.legalName()).put("nome_fantasia", c.tradeName()).put("situacao_cadastral", title(c.status()))
                .put("data_situacao_cadastral", c.statusDate().toString()).put("data_inicio_atividade", c.openedOn().toString())
                .put("logradouro", c.street()).put("numero", String.valueOf(c.number())).put("complemento", "")
                .put("bairro", c.district()).put("cep", c.zip()).put("uf", c.state()).put("municipio", c.city())
                .put("capital_social", c.capital().toPlainString().replace('.', ','))
                .put("porte_empresa", title(SIZES.get(c.size())))
                .put("opcao_simples", c.simples() ? "S" : "N").put("data_opcao_simples", c.simplesSince().toString());
        ArrayNode phones = body.putArray("telefones");
        phones.addObject().put("ddd", String.valueOf(c.ddd())).put("numero", String.valueOf(c.phone())).put("is_fax", false);
        ArrayNode partners = body.putArray("QSA");
        c.partners().forEach(p -> partners.addObject().put("nome_socio", p.name()).put("qualificacao_socio", p.role())
                .put("data_entrada_sociedade", p.since().toString()));
        return body;
    }

    private static String title(String text) {
        StringBuilder title = new StringBuilder();
        for (String word : text.toLowerCase(Locale.ROOT).split(" ")) {
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return title.toString();
    }

    record Partner(String name, String role, LocalDate since) {
    }

    private record Registration(String legalName, String tradeName, String status, LocalDate statusDate, LocalDate openedOn) {
    }

    private record Place(String streetType, String street, int number, String district, String city, String state, String zip) {
    }

    private record Money(int ddd, int phone, BigDecimal capital, String size, boolean simples, LocalDate simplesSince) {
    }

    record Company(String legalName, String tradeName, String status, LocalDate statusDate, LocalDate openedOn,
            String streetType, String street, int number, String district, String city, String state, String zip, int ddd,
            int phone, BigDecimal capital, String size, boolean simples, LocalDate simplesSince, List<Partner> partners) {
    }
}

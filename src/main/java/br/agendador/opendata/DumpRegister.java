package br.agendador.opendata;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.LocalRegister;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served month of the dump as the lookup's {@code dadosabertos} provider: one statement per
 * CNPJ, through the establishment's index, with its company, Simples record and partners, and the
 * served month read in the same snapshot as the rows (so an answer given during a swap is of one
 * month, labelled with it). The code tables' descriptions come from memory, read once per month.
 *
 * <p>The tables are named in the order the swap locks them ({@link OpenDataTables#LOCK_ORDER}), so
 * a lookup and a swap never wait on each other in a cycle.
 */
@Component
class DumpRegister implements LocalRegister {

    /** One row per CNPJ asked (the dump repeats none; the first would be taken if it did). */
    private static final String FIND = """
            SELECT e.cnpj, e.nome_fantasia, e.situacao_cadastral, e.data_situacao_cadastral, e.motivo_situacao_cadastral,
                   e.data_inicio_atividade, e.cnae_fiscal_principal, e.cnae_fiscal_secundaria, e.tipo_logradouro,
                   e.logradouro, e.numero, e.complemento, e.bairro, e.uf, e.cep, e.municipio, e.ddd_1, e.telefone_1,
                   e.correio_eletronico,
                   em.razao_social, em.capital_social, em.porte, em.natureza_juridica,
                   s.cnpj_basico AS simples_basico, s.opcao_simples, s.data_opcao_simples, s.data_exclusao_simples,
                   s.opcao_mei, s.data_opcao_mei, s.data_exclusao_mei,
                   (SELECT json_agg(json_build_object('nome', so.nome_socio, 'qualificacao', so.qualificacao_socio,
                                                      'desde', so.data_entrada_sociedade) ORDER BY so.nome_socio)
                      FROM opendata.socios so WHERE so.cnpj_basico = left(e.cnpj, 8)) AS socios,
                   served.id AS served_id, served.month
              FROM opendata.estabelecimentos e
              LEFT JOIN opendata.empresas em ON em.cnpj_basico = left(e.cnpj, 8)
              LEFT JOIN opendata.simples s ON s.cnpj_basico = left(e.cnpj, 8)
             CROSS JOIN (SELECT id, month FROM open_data_imports WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1) served
             WHERE e.cnpj = ANY (?::text[])""";

    /** The code tables are small (a few thousand rows) and the same for every lookup of a month: read once per month. */
    private static final String CODES = """
            SELECT 'qualificacoes' AS code_table, codigo::int, descricao FROM opendata.qualificacoes
            UNION ALL SELECT 'cnaes', codigo, descricao FROM opendata.cnaes
            UNION ALL SELECT 'motivos', codigo::int, descricao FROM opendata.motivos
            UNION ALL SELECT 'municipios', codigo::int, descricao FROM opendata.municipios
            UNION ALL SELECT 'naturezas', codigo::int, descricao FROM opendata.naturezas""";

    private final JdbcClient jdbc;
    private final ImportRecords records;
    private final JsonMapper json;
    private volatile CodeTables codes = new CodeTables(-1, Map.of());

    DumpRegister(JdbcClient jdbc, ImportRecords records, JsonMapper json) {
        this.jdbc = jdbc;
        this.records = records;
        this.json = json;
    }

    @Override
    public Answer find(Cnpj cnpj) {
        return findAll(List.of(cnpj)).getFirst();
    }

    /** In one statement: a burst of lookups (a bulk import) costs one round trip and one plan, not one each. */
    @Override
    public List<Answer> findAll(List<Cnpj> cnpjs) {
        Map<String, Dated> found = new HashMap<>();
        jdbc.sql(FIND).param(cnpjs.stream().map(Cnpj::value).distinct().toArray(String[]::new)).query(rs -> {
            Dated entry = entry(rs, 0);
            found.putIfAbsent(entry.entry().cnpj(), entry);
        });
        Answer absent = found.size() == cnpjs.size() ? new NotLoaded()
                : records.served().<Answer>map(served -> new Missing(served.month())).orElseGet(NotLoaded::new);
        return cnpjs.stream().map(cnpj -> {
            Dated entry = found.get(cnpj.value());
            if (entry == null) {
                return absent;
            }
            return entry.month() == null ? new NotLoaded() : new Found(entry.entry());
        }).toList();
    }

    private Dated entry(ResultSet rs, int row) throws SQLException {
        LocalDate month = rs.getObject("month", LocalDate.class);
        CodeTables codes = codes(rs.getLong("served_id"), rs.getStatement().getConnection());
        Integer mainActivity = integer(rs, "cnae_fiscal_principal");
        Entry entry = new Entry(
                rs.getString("cnpj"),
                month == null ? YearMonth.of(1970, 1) : YearMonth.from(month),
                rs.getString("razao_social"),
                rs.getString("nome_fantasia"),
                integer(rs, "situacao_cadastral"),
                rs.getObject("data_situacao_cadastral", LocalDate.class),
                codes.describe("motivos", integer(rs, "motivo_situacao_cadastral")),
                rs.getObject("data_inicio_atividade", LocalDate.class),
                codes.describe("naturezas", integer(rs, "natureza_juridica")),
                mainActivity == null ? null : new Activity(mainActivity, codes.describe("cnaes", mainActivity)),
                activities(rs.getArray("cnae_fiscal_secundaria"), codes),
                rs.getString("tipo_logradouro"),
                rs.getString("logradouro"),
                rs.getString("numero"),
                rs.getString("complemento"),
                rs.getString("bairro"),
                codes.describe("municipios", integer(rs, "municipio")),
                rs.getString("uf"),
                rs.getString("cep"),
                rs.getString("ddd_1"),
                rs.getString("telefone_1"),
                rs.getString("correio_eletronico"),
                rs.getObject("capital_social", BigDecimal.class),
                integer(rs, "porte"),
                rs.getString("simples_basico") != null,
                rs.getObject("opcao_simples", Boolean.class),
                rs.getObject("data_opcao_simples", LocalDate.class),
                rs.getObject("data_exclusao_simples", LocalDate.class),
                rs.getObject("opcao_mei", Boolean.class),
                rs.getObject("data_opcao_mei", LocalDate.class),
                rs.getObject("data_exclusao_mei", LocalDate.class),
                partners(rs.getString("socios"), codes));
        return new Dated(entry, month);
    }

    private static List<Activity> activities(@Nullable Array array, CodeTables codes) throws SQLException {
        List<Activity> activities = new ArrayList<>();
        if (array != null) {
            for (Object code : (Object[]) array.getArray()) {
                if (code != null) {
                    int cnae = ((Number) code).intValue();
                    activities.add(new Activity(cnae, codes.describe("cnaes", cnae)));
                }
            }
        }
        return activities;
    }

    private List<Partner> partners(@Nullable String array, CodeTables codes) {
        List<Partner> partners = new ArrayList<>();
        if (array != null) {
            for (JsonNode partner : json.readTree(array)) {
                String name = text(partner, "nome");
                if (name != null) {
                    String since = text(partner, "desde");
                    JsonNode role = partner.get("qualificacao");
                    partners.add(new Partner(name, role == null || role.isNull() ? null : codes.describe("qualificacoes", role.asInt()),
                            since == null ? null : LocalDate.parse(since)));
                }
            }
        }
        return partners;
    }

    /**
     * The code tables of the month served by import {@code servedId}, read again when another month
     * is swapped in. Read on the lookup's own connection: asking the pool for a second one while
     * holding the first let the first lookups after a start take every connection and wait for
     * one more until the pool's timeout.
     */
    private CodeTables codes(long servedId, Connection connection) throws SQLException {
        CodeTables known = codes;
        if (known.importId() == servedId) {
            return known;
        }
        Map<String, Map<Integer, String>> tables = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(CODES)) {
            while (rows.next()) {
                String description = rows.getString("descricao");
                if (description != null) {
                    tables.computeIfAbsent(rows.getString("code_table"), table -> new HashMap<>())
                            .putIfAbsent(rows.getInt("codigo"), description);
                }
            }
        }
        CodeTables read = new CodeTables(servedId, Map.copyOf(tables));
        codes = read;
        return read;
    }

    /** A month's code tables: code to description, per table. */
    private record CodeTables(long importId, Map<String, Map<Integer, String>> tables) {

        @Nullable String describe(String table, @Nullable Integer code) {
            return code == null ? null : tables.getOrDefault(table, Map.of()).get(code);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Integer.class);
    }

    /** An entry and the month it was read with; no month means nothing has been swapped in. */
    private record Dated(Entry entry, @Nullable LocalDate month) {
    }
}

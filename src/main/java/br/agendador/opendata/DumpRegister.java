package br.agendador.opendata;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.LocalRegister;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served month of the dump as the lookup's {@code dadosabertos} provider: one statement per
 * CNPJ, through the establishment's index, with its company, Simples record, partners and the
 * code tables' descriptions, and the served month read in the same snapshot as the rows (so an
 * answer given during a swap is of one month, labelled with it).
 *
 * <p>The tables are named in the order the swap locks them ({@link OpenDataTables#LOCK_ORDER}), so
 * a lookup and a swap never wait on each other in a cycle.
 */
@Component
class DumpRegister implements LocalRegister {

    private static final String FIND = """
            SELECT e.cnpj, e.nome_fantasia, e.situacao_cadastral, e.data_situacao_cadastral, e.data_inicio_atividade,
                   e.cnae_fiscal_principal, e.tipo_logradouro, e.logradouro, e.numero, e.complemento, e.bairro, e.uf, e.cep,
                   e.ddd_1, e.telefone_1, e.correio_eletronico,
                   em.razao_social, em.capital_social, em.porte,
                   s.cnpj_basico AS simples_basico, s.opcao_simples, s.data_opcao_simples, s.data_exclusao_simples,
                   s.opcao_mei, s.data_opcao_mei, s.data_exclusao_mei,
                   (SELECT json_agg(json_build_object('nome', so.nome_socio, 'qualificacao', q.descricao,
                                                      'desde', so.data_entrada_sociedade) ORDER BY so.nome_socio)
                      FROM opendata.socios so
                      LEFT JOIN LATERAL (SELECT descricao FROM opendata.qualificacoes
                                          WHERE codigo = so.qualificacao_socio LIMIT 1) q ON true
                     WHERE so.cnpj_basico = left(e.cnpj, 8)) AS socios,
                   (SELECT descricao FROM opendata.cnaes WHERE codigo = e.cnae_fiscal_principal LIMIT 1) AS cnae_descricao,
                   (SELECT json_agg(json_build_object('codigo', c.codigo,
                                    'descricao', (SELECT descricao FROM opendata.cnaes WHERE codigo = c.codigo LIMIT 1))
                                    ORDER BY c.ordem)
                      FROM unnest(e.cnae_fiscal_secundaria) WITH ORDINALITY AS c (codigo, ordem)) AS secundarias,
                   (SELECT descricao FROM opendata.motivos WHERE codigo = e.motivo_situacao_cadastral LIMIT 1) AS motivo,
                   (SELECT descricao FROM opendata.municipios WHERE codigo = e.municipio LIMIT 1) AS municipio,
                   (SELECT descricao FROM opendata.naturezas WHERE codigo = em.natureza_juridica LIMIT 1) AS natureza,
                   (SELECT month FROM open_data_imports WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1) AS month
              FROM opendata.estabelecimentos e
              LEFT JOIN opendata.empresas em ON em.cnpj_basico = left(e.cnpj, 8)
              LEFT JOIN opendata.simples s ON s.cnpj_basico = left(e.cnpj, 8)
             WHERE e.cnpj = ?
             LIMIT 1""";

    private final JdbcClient jdbc;
    private final ImportRecords records;
    private final JsonMapper json;

    DumpRegister(JdbcClient jdbc, ImportRecords records, JsonMapper json) {
        this.jdbc = jdbc;
        this.records = records;
        this.json = json;
    }

    @Override
    public Answer find(Cnpj cnpj) {
        return jdbc.sql(FIND).param(cnpj.value()).query(this::entry).optional()
                .<Answer>map(entry -> entry.month() == null ? new NotLoaded() : new Found(entry.entry()))
                .orElseGet(() -> records.served().<Answer>map(served -> new Missing(served.month())).orElseGet(NotLoaded::new));
    }

    private Dated entry(ResultSet rs, int row) throws SQLException {
        LocalDate month = rs.getObject("month", LocalDate.class);
        Integer mainActivity = integer(rs, "cnae_fiscal_principal");
        Entry entry = new Entry(
                rs.getString("cnpj"),
                month == null ? YearMonth.of(1970, 1) : YearMonth.from(month),
                rs.getString("razao_social"),
                rs.getString("nome_fantasia"),
                integer(rs, "situacao_cadastral"),
                rs.getObject("data_situacao_cadastral", LocalDate.class),
                rs.getString("motivo"),
                rs.getObject("data_inicio_atividade", LocalDate.class),
                rs.getString("natureza"),
                mainActivity == null ? null : new Activity(mainActivity, rs.getString("cnae_descricao")),
                activities(rs.getString("secundarias")),
                rs.getString("tipo_logradouro"),
                rs.getString("logradouro"),
                rs.getString("numero"),
                rs.getString("complemento"),
                rs.getString("bairro"),
                rs.getString("municipio"),
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
                partners(rs.getString("socios")));
        return new Dated(entry, month);
    }

    private List<Activity> activities(@Nullable String array) {
        List<Activity> activities = new ArrayList<>();
        if (array != null) {
            for (JsonNode activity : json.readTree(array)) {
                activities.add(new Activity(activity.get("codigo").asInt(), text(activity, "descricao")));
            }
        }
        return activities;
    }

    private List<Partner> partners(@Nullable String array) {
        List<Partner> partners = new ArrayList<>();
        if (array != null) {
            for (JsonNode partner : json.readTree(array)) {
                String name = text(partner, "nome");
                if (name != null) {
                    String since = text(partner, "desde");
                    partners.add(new Partner(name, text(partner, "qualificacao"), since == null ? null : LocalDate.parse(since)));
                }
            }
        }
        return partners;
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

package br.agendador.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static br.agendador.opendata.FieldType.CEP;
import static br.agendador.opendata.FieldType.CNPJ_DIGITS_PART;
import static br.agendador.opendata.FieldType.CNPJ_ORDER_PART;
import static br.agendador.opendata.FieldType.CNPJ_ROOT;
import static br.agendador.opendata.FieldType.CNPJ_ROOT_PART;
import static br.agendador.opendata.FieldType.CODE;
import static br.agendador.opendata.FieldType.CODE_LIST;
import static br.agendador.opendata.FieldType.DATE;
import static br.agendador.opendata.FieldType.FLAG;
import static br.agendador.opendata.FieldType.LONG_CODE;
import static br.agendador.opendata.FieldType.MONEY;
import static br.agendador.opendata.FieldType.TEXT;

/**
 * The files of the Receita's dump: their names, the marker in their single zip entry's name
 * ({@code K3241.K03200Y0.D61108.ESTABELE}), the table they load and their fields in file order
 * (the "Metadados CNPJ" layout). Column names are the tables' in {@code V54__open_data.sql}.
 */
enum DumpKind {

    EMPRESAS("Empresas", 10, "EMPRECSV", "empresas", List.of(
            new Field("cnpj_basico", CNPJ_ROOT),
            new Field("razao_social", TEXT),
            new Field("natureza_juridica", CODE),
            new Field("qualificacao_responsavel", CODE),
            new Field("capital_social", MONEY),
            new Field("porte", CODE),
            new Field("ente_federativo_responsavel", TEXT))),

    ESTABELECIMENTOS("Estabelecimentos", 10, "ESTABELE", "estabelecimentos", List.of(
            new Field("cnpj", CNPJ_ROOT_PART),
            new Field("cnpj", CNPJ_ORDER_PART),
            new Field("cnpj", CNPJ_DIGITS_PART),
            new Field("identificador_matriz_filial", CODE),
            new Field("nome_fantasia", TEXT),
            new Field("situacao_cadastral", CODE),
            new Field("data_situacao_cadastral", DATE),
            new Field("motivo_situacao_cadastral", CODE),
            new Field("nome_cidade_exterior", TEXT),
            new Field("pais", CODE),
            new Field("data_inicio_atividade", DATE),
            new Field("cnae_fiscal_principal", LONG_CODE),
            new Field("cnae_fiscal_secundaria", CODE_LIST),
            new Field("tipo_logradouro", TEXT),
            new Field("logradouro", TEXT),
            new Field("numero", TEXT),
            new Field("complemento", TEXT),
            new Field("bairro", TEXT),
            new Field("cep", CEP),
            new Field("uf", TEXT),
            new Field("municipio", CODE),
            new Field("ddd_1", TEXT),
            new Field("telefone_1", TEXT),
            new Field("ddd_2", TEXT),
            new Field("telefone_2", TEXT),
            new Field("ddd_fax", TEXT),
            new Field("fax", TEXT),
            new Field("correio_eletronico", TEXT),
            new Field("situacao_especial", TEXT),
            new Field("data_situacao_especial", DATE))),

    SOCIOS("Socios", 10, "SOCIOCSV", "socios", List.of(
            new Field("cnpj_basico", CNPJ_ROOT),
            new Field("identificador_socio", CODE),
            new Field("nome_socio", TEXT),
            new Field("cnpj_cpf_socio", TEXT),
            new Field("qualificacao_socio", CODE),
            new Field("data_entrada_sociedade", DATE),
            new Field("pais", CODE),
            new Field("representante_legal", TEXT),
            new Field("nome_representante", TEXT),
            new Field("qualificacao_representante", CODE),
            new Field("faixa_etaria", CODE))),

    SIMPLES("Simples", 1, "SIMPLES", "simples", List.of(
            new Field("cnpj_basico", CNPJ_ROOT),
            new Field("opcao_simples", FLAG),
            new Field("data_opcao_simples", DATE),
            new Field("data_exclusao_simples", DATE),
            new Field("opcao_mei", FLAG),
            new Field("data_opcao_mei", DATE),
            new Field("data_exclusao_mei", DATE))),

    CNAES("Cnaes", 1, "CNAECSV", "cnaes", codeTable(LONG_CODE)),
    MOTIVOS("Motivos", 1, "MOTICSV", "motivos", codeTable(CODE)),
    MUNICIPIOS("Municipios", 1, "MUNICCSV", "municipios", codeTable(CODE)),
    NATUREZAS("Naturezas", 1, "NATJUCSV", "naturezas", codeTable(CODE)),
    PAISES("Paises", 1, "PAISCSV", "paises", codeTable(CODE)),
    QUALIFICACOES("Qualificacoes", 1, "QUALSCSV", "qualificacoes", codeTable(CODE));

    private final String filePrefix;
    private final int parts;
    private final String entryMarker;
    private final String table;
    private final List<Field> fields;
    private final List<String> columns;

    DumpKind(String filePrefix, int parts, String entryMarker, String table, List<Field> fields) {
        this.filePrefix = filePrefix;
        this.parts = parts;
        this.entryMarker = entryMarker;
        this.table = table;
        this.fields = fields;
        List<String> columns = new ArrayList<>();
        for (Field field : fields) {
            if (field.type().endsColumn()) {
                columns.add(field.column());
            }
        }
        this.columns = List.copyOf(columns);
    }

    /** The zip files of this kind, as the Receita names them: {@code Empresas0.zip}..{@code Empresas9.zip}, {@code Simples.zip}. */
    List<String> fileNames() {
        if (parts == 1) {
            return List.of(filePrefix + ".zip");
        }
        List<String> names = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            names.add(filePrefix + part + ".zip");
        }
        return names;
    }

    /** Whether a zip entry's name is this kind's ({@code ...D61108.ESTABELE}, {@code F.K03200$W.SIMPLES.CSV.D61108}). */
    boolean isEntry(String entryName) {
        return entryName.toUpperCase(Locale.ROOT).contains(entryMarker);
    }

    String entryMarker() {
        return entryMarker;
    }

    /** The served table, in schema {@code opendata}. */
    String table() {
        return table;
    }

    List<Field> fields() {
        return fields;
    }

    /** The table's columns in the order the file gives them (the COPY column list). */
    List<String> columns() {
        return columns;
    }

    /** The big files; the others are the code tables. */
    boolean isRegister() {
        return parts > 1 || this == SIMPLES;
    }

    static DumpKind ofFile(String fileName) {
        for (DumpKind kind : values()) {
            if (kind.fileNames().contains(fileName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a file of the dump: " + fileName);
    }

    private static List<Field> codeTable(FieldType code) {
        return List.of(new Field("codigo", code), new Field("descricao", TEXT));
    }

    /** One field of a line: the column it goes to and how it is read. */
    record Field(String column, FieldType type) {
    }
}

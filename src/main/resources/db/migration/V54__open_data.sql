-- opendata: the Receita Federal's monthly CNPJ dump, loaded locally (module br.agendador.opendata).
--
-- The tables in schema opendata mirror the dump's files and keep the Receita's own column names,
-- so its layout documentation ("Metadados CNPJ") reads straight onto them. They are typed (codes
-- as numbers, dates as dates, Simples flags as booleans) rather than a JSON document per CNPJ, which
-- keeps the whole register near 200 bytes a row. An import loads copies of them created LIKE these
-- (opendata.<table>_load), builds their indexes after the load and swaps them in by renaming, in one
-- transaction; these empty tables are what lookups see until the first import. Indexes are built
-- by the importer (OpenDataTables), so an empty table here carries none.
--
-- Columns are ordered for alignment (4-byte, then 2-byte, then variable-length), not as in the files;
-- the importer names them in file order in its COPY. No key is declared unique: the dump's keys are
-- trusted for lookups, not relied on to fail a 20-minute import at its last step.
CREATE SCHEMA opendata;

-- Empresas*.zip: one row per company (the 8-character CNPJ root).
CREATE TABLE opendata.empresas (
    capital_social              numeric,
    natureza_juridica           smallint,
    qualificacao_responsavel    smallint,
    porte                       smallint,
    cnpj_basico                 text COLLATE "C" NOT NULL,
    razao_social                text,
    ente_federativo_responsavel text
);

-- Estabelecimentos*.zip: one row per establishment (head office or branch); cnpj is the file's
-- cnpj_basico, cnpj_ordem and cnpj_dv together (14 characters, letters included since July 2026).
CREATE TABLE opendata.estabelecimentos (
    data_situacao_cadastral     date,
    data_inicio_atividade       date,
    data_situacao_especial      date,
    cnae_fiscal_principal       integer,
    identificador_matriz_filial smallint,
    situacao_cadastral          smallint,
    motivo_situacao_cadastral   smallint,
    pais                        smallint,
    municipio                   smallint,
    cnpj                        text COLLATE "C" NOT NULL,
    cnae_fiscal_secundaria      integer[],
    nome_fantasia               text,
    nome_cidade_exterior        text,
    tipo_logradouro             text,
    logradouro                  text,
    numero                      text,
    complemento                 text,
    bairro                      text,
    cep                         text,
    uf                          text,
    ddd_1                       text,
    telefone_1                  text,
    ddd_2                       text,
    telefone_2                  text,
    ddd_fax                     text,
    fax                         text,
    correio_eletronico          text,
    situacao_especial           text
);

-- Socios*.zip: partners and administrators (QSA); cnpj_cpf_socio comes masked (***123456**).
CREATE TABLE opendata.socios (
    data_entrada_sociedade      date,
    identificador_socio         smallint,
    qualificacao_socio          smallint,
    pais                        smallint,
    qualificacao_representante  smallint,
    faixa_etaria                smallint,
    cnpj_basico                 text COLLATE "C" NOT NULL,
    nome_socio                  text,
    cnpj_cpf_socio              text,
    representante_legal         text,
    nome_representante          text
);

-- Simples.zip: every company that ever opted for Simples Nacional or MEI.
CREATE TABLE opendata.simples (
    data_opcao_simples          date,
    data_exclusao_simples       date,
    data_opcao_mei              date,
    data_exclusao_mei           date,
    opcao_simples               boolean,
    opcao_mei                   boolean,
    cnpj_basico                 text COLLATE "C" NOT NULL
);

-- The code tables (Cnaes, Motivos, Municipios, Naturezas, Paises, Qualificacoes): code and text.
-- Some codes used in the big files are missing from them (country 367, reason 32): lookups join
-- them as optional.
CREATE TABLE opendata.cnaes         (codigo integer  NOT NULL, descricao text);
CREATE TABLE opendata.motivos       (codigo smallint NOT NULL, descricao text);
CREATE TABLE opendata.municipios    (codigo smallint NOT NULL, descricao text);
CREATE TABLE opendata.naturezas     (codigo smallint NOT NULL, descricao text);
CREATE TABLE opendata.paises        (codigo smallint NOT NULL, descricao text);
CREATE TABLE opendata.qualificacoes (codigo smallint NOT NULL, descricao text);

-- One row per import, whoever started it (API, admin page, command line, monthly refresh). The
-- newest SUCCEEDED one is the month being served: its swap and its status commit together.
CREATE TABLE open_data_imports (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status           text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
    -- A directory path or the share's https URL, as given.
    source           text        NOT NULL,
    -- The dump's month, as its first day.
    month            date        NOT NULL CHECK (extract(day FROM month) = 1),
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    -- Progress, written every few seconds by the process running the import.
    phase            text,
    rows             bigint      NOT NULL DEFAULT 0,
    bytes_done       bigint      NOT NULL DEFAULT 0,
    bytes_total      bigint      NOT NULL DEFAULT 0,
    rows_per_second  bigint,
    eta              timestamptz,
    rejected_count   integer     NOT NULL DEFAULT 0,
    error            text,
    -- The error's code and arguments (OpenDataProblem), so the pages can say it in the viewer's language.
    error_code       text,
    error_arguments  text[],
    -- Set by DELETE /api/v1/admin/open-data/imports/{id} in any process; the runner sees it.
    cancel_requested boolean     NOT NULL DEFAULT false,
    -- What was swapped in, for GET /api/v1/admin/open-data.
    companies        bigint,
    establishments   bigint,
    partners         bigint,
    simples          bigint
);

-- Only one import at a time across every process sharing the database.
CREATE UNIQUE INDEX open_data_imports_one_active ON open_data_imports ((true)) WHERE status IN ('QUEUED', 'RUNNING');
-- Imports run one at a time, so the newest successful one is the latest swap.
CREATE INDEX open_data_imports_served ON open_data_imports (id DESC) WHERE status = 'SUCCEEDED';

-- Each file of an import and how far it got.
CREATE TABLE open_data_import_files (
    import_id  bigint NOT NULL REFERENCES open_data_imports (id) ON DELETE CASCADE,
    name       text   NOT NULL,
    status     text   NOT NULL CHECK (status IN ('PENDING', 'DOWNLOADING', 'DOWNLOADED', 'LOADING', 'LOADED', 'FAILED')),
    rows       bigint NOT NULL DEFAULT 0,
    bytes      bigint NOT NULL DEFAULT 0,
    started_at  timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (import_id, name)
);

-- The first lines an import could not read (agendador.open-data.max-rejected of them at most are
-- tolerated; their count is open_data_imports.rejected_count).
CREATE TABLE open_data_rejected_lines (
    import_id bigint NOT NULL REFERENCES open_data_imports (id) ON DELETE CASCADE,
    file      text   NOT NULL,
    line      bigint NOT NULL,
    reason    text   NOT NULL,
    PRIMARY KEY (import_id, file, line)
);

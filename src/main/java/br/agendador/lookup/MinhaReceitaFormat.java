package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Found;

/**
 * minha-receita's flat snake_case record ({@code GET https://minhareceita.org/{cnpj}}). BrasilAPI
 * ({@code GET /api/cnpj/v1/{cnpj}}) is a thin proxy of minha-receita and answers the same shape, so
 * both read alike and count as one dataset. Neither says how old the data is: {@code dataAsOf} stays
 * null (minha-receita's {@code GET /updated} tells the dump's date for the whole base, not per record).
 */
final class MinhaReceitaFormat implements ProviderFormat {

    static final String DATASET = "minhareceita";

    private final String name;

    private MinhaReceitaFormat(String name) {
        this.name = name;
    }

    static MinhaReceitaFormat minhaReceita() {
        return new MinhaReceitaFormat("minhareceita");
    }

    static MinhaReceitaFormat brasilApi() {
        return new MinhaReceitaFormat("brasilapi");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        SnapshotDraft draft = new SnapshotDraft(body.text("cnpj"), name, fetchedAt)
                .notGiven("dataAsOf", "stateRegistrations")
                .legalName(body.text("razao_social"))
                .tradeName(body.text("nome_fantasia"))
                .status(ReceitaCodes.status(body.anyText("situacao_cadastral", "descricao_situacao_cadastral")),
                        body.date("data_situacao_cadastral"), body.text("descricao_motivo_situacao_cadastral"))
                .openedOn(body.date("data_inicio_atividade"))
                .legalNature(body.text("natureza_juridica"))
                .mainActivity(ReceitaCodes.activity(body.text("cnae_fiscal"), body.text("cnae_fiscal_descricao")))
                .address(ReceitaCodes.street(body.anyText("descricao_tipo_de_logradouro", "descricao_tipo_logradouro"),
                                body.text("logradouro")),
                        body.text("numero"), body.text("complemento"), body.text("bairro"), body.text("municipio"),
                        body.text("uf"), body.text("cep"))
                .phone(ReceitaCodes.phone(body.text("ddd_telefone_1")))
                .email(body.text("email"))
                .shareCapital(body.decimal("capital_social"))
                .size(body.anyText("porte", "descricao_porte", "codigo_porte"))
                .simples(body.flag("opcao_pelo_simples"), body.date("data_opcao_pelo_simples"), body.date("data_exclusao_do_simples"))
                .mei(body.flag("opcao_pelo_mei"), body.date("data_opcao_pelo_mei"), body.date("data_exclusao_do_mei"));
        body.list("cnaes_secundarios").forEach(activity -> draft.secondaryActivity(
                ReceitaCodes.activity(activity.text("codigo"), activity.text("descricao"))));
        body.list("qsa").forEach(partner -> draft.partner(partner.text("nome_socio"), partner.text("qualificacao_socio"),
                partner.date("data_entrada_sociedade")));
        return new Found(draft.build());
    }
}

package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Found;

/**
 * OpenCNPJ ({@code GET https://api.opencnpj.org/{cnpj}}): flat snake_case with texts for codes
 * ({@code "Ativa"}), the share capital as Receita text with a decimal comma, Simples and MEI as
 * {@code "S"/"N"} (empty when unknown), partners under upper-case {@code QSA}. Activities are
 * codes only ({@code cnae_principal}, {@code cnaes_secundarios}), and there is no status reason,
 * no Simples or MEI exclusion date and no per-record data date ({@code GET /info} has the
 * release's): those stay unknown. Older releases have no {@code tipo_logradouro} (the street
 * without its type). Errors: {@code {"error": "..."}}; throttling is an HTML challenge page.
 */
final class OpenCnpjFormat implements ProviderFormat {

    @Override
    public String name() {
        return "opencnpj";
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        JsonFields phone = body.list("telefones").stream().filter(p -> !Boolean.TRUE.equals(p.flag("is_fax")))
                .findFirst().orElse(body.first("telefones"));
        SnapshotDraft draft = new SnapshotDraft(body.text("cnpj"), name(), fetchedAt)
                .legalName(body.text("razao_social"))
                .tradeName(body.text("nome_fantasia"))
                .status(ReceitaCodes.status(body.text("situacao_cadastral")), body.date("data_situacao_cadastral"), null)
                .openedOn(body.date("data_inicio_atividade"))
                .legalNature(body.label("natureza_juridica"))
                .mainActivity(ReceitaCodes.activity(ReceitaCodes.cnae(body.text("cnae_principal")), null))
                .address(ReceitaCodes.street(body.text("tipo_logradouro"), body.text("logradouro")), body.text("numero"),
                        body.text("complemento"), body.text("bairro"), body.text("municipio"), body.text("uf"),
                        body.text("cep"))
                .phone(ReceitaCodes.phone(phone.text("ddd"), phone.text("numero")))
                .email(body.text("email"))
                .shareCapital(body.decimal("capital_social"))
                .size(body.text("porte_empresa"))
                .simples(body.flag("opcao_simples"), body.date("data_opcao_simples"), null)
                .mei(body.flag("opcao_mei"), body.date("data_opcao_mei"), null)
                .notGiven("registrationStatusReason", "activityDescriptions", "simples.until", "mei.until",
                        "stateRegistrations", "dataAsOf");
        body.list("cnaes_secundarios").forEach(activity ->
                draft.secondaryActivity(ReceitaCodes.activity(ReceitaCodes.cnae(activity.text()), null)));
        (body.get("QSA").isPresent() ? body.list("QSA") : body.list("qsa")).forEach(partner -> draft.partner(
                partner.text("nome_socio"), partner.label("qualificacao_socio"), partner.date("data_entrada_sociedade")));
        return new Found(draft.build());
    }
}

package br.agendador.lookup;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Found;

/**
 * OpenCNPJ ({@code GET https://api.opencnpj.org/{cnpj}}): flat snake_case with texts for codes
 * ({@code "Ativa"}), the share capital as Receita text with a decimal comma, Simples as
 * {@code "S"/"N"}, partners under upper-case {@code QSA}. Older releases give only the main CNAE's
 * code; newer ones add {@code cnaes[{codigo, descricao, is_principal}]}, which is where descriptions
 * come from. No per-record data date ({@code GET /info} has the release's). Errors:
 * {@code {"error": "..."}}; throttling is an HTML challenge page.
 */
final class OpenCnpjFormat implements ProviderFormat {

    @Override
    public String name() {
        return "opencnpj";
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        Map<String, String> descriptions = new HashMap<>();
        body.list("cnaes").forEach(activity -> {
            String code = ReceitaCodes.cnae(activity.text("codigo"));
            String description = activity.text("descricao");
            if (code != null && description != null) {
                descriptions.put(code, description);
            }
        });
        JsonFields phone = body.list("telefones").stream().filter(p -> !Boolean.TRUE.equals(p.flag("is_fax")))
                .findFirst().orElse(body.first("telefones"));
        String mainCode = ReceitaCodes.cnae(body.text("cnae_principal"));
        SnapshotDraft draft = new SnapshotDraft(body.text("cnpj"), name(), fetchedAt)
                .legalName(body.text("razao_social"))
                .tradeName(body.text("nome_fantasia"))
                .status(ReceitaCodes.status(body.text("situacao_cadastral")), body.date("data_situacao_cadastral"),
                        body.label("motivo_situacao_cadastral"))
                .openedOn(body.date("data_inicio_atividade"))
                .legalNature(body.label("natureza_juridica"))
                .mainActivity(ReceitaCodes.activity(mainCode, mainCode == null ? null : descriptions.get(mainCode)))
                .address(ReceitaCodes.street(body.text("tipo_logradouro"), body.text("logradouro")), body.text("numero"),
                        body.text("complemento"), body.text("bairro"), body.text("municipio"), body.text("uf"),
                        body.text("cep"))
                .phone(ReceitaCodes.phone(phone.text("ddd"), phone.text("numero")))
                .email(body.text("email"))
                .shareCapital(body.decimal("capital_social"))
                .size(body.text("porte_empresa"))
                .simples(body.flag("opcao_simples"), body.date("data_opcao_simples"), body.date("data_exclusao_simples"))
                .mei(body.flag("opcao_mei"), body.date("data_opcao_mei"), body.date("data_exclusao_mei"));
        body.list("cnaes_secundarios").forEach(activity -> {
            String code = ReceitaCodes.cnae(activity.node().isObject() ? activity.text("codigo") : activity.text());
            draft.secondaryActivity(ReceitaCodes.activity(code,
                    activity.node().isObject() ? activity.text("descricao") : code == null ? null : descriptions.get(code)));
        });
        (body.get("QSA").isPresent() ? body.list("QSA") : body.list("qsa")).forEach(partner -> draft.partner(
                partner.text("nome_socio"), partner.label("qualificacao_socio"), partner.date("data_entrada_sociedade")));
        return new Found(draft.build());
    }
}

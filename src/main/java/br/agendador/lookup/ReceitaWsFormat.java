package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Failed;
import br.agendador.lookup.ProviderAnswer.Found;
import br.agendador.lookup.ProviderAnswer.Missing;
import br.agendador.lookup.ProviderAnswer.Refused;
import br.agendador.lookup.ProviderAnswer.Throttled;

/**
 * ReceitaWS ({@code GET https://receitaws.com.br/v1/cnpj/{cnpj}}): flat Portuguese, dates as
 * {@code dd/MM/yyyy}, activities as {@code [{code: "06.00-0-01", text}]}, partners without dates,
 * {@code ultima_atualizacao} for freshness. Errors come as {@code {"status": "ERROR", "message"}},
 * often with HTTP 200; which messages mean what is not documented, so they are read by their words.
 */
final class ReceitaWsFormat implements ProviderFormat {

    @Override
    public String name() {
        return "receitaws";
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        if ("ERROR".equalsIgnoreCase(body.text("status"))) {
            return error(ProviderFormat.message(body, "status ERROR without a message"));
        }
        JsonFields mainActivity = body.first("atividade_principal");
        SnapshotDraft draft = new SnapshotDraft(body.text("cnpj"), name(), fetchedAt)
                .notGiven("partners.since", "stateRegistrations")
                .legalName(body.text("nome"))
                .tradeName(body.text("fantasia"))
                .status(ReceitaCodes.status(body.text("situacao")), body.date("data_situacao"), body.text("motivo_situacao"))
                .openedOn(body.date("abertura"))
                .legalNature(body.text("natureza_juridica"))
                .mainActivity(ReceitaCodes.activity(mainActivity.text("code"), mainActivity.text("text")))
                .address(body.text("logradouro"), body.text("numero"), body.text("complemento"), body.text("bairro"),
                        body.text("municipio"), body.text("uf"), body.text("cep"))
                .phone(ReceitaCodes.phone(body.text("telefone")))
                .email(body.text("email"))
                .shareCapital(body.decimal("capital_social"))
                .size(body.text("porte"))
                .simples(body.get("simples").flag("optante"), body.get("simples").date("data_opcao"),
                        body.get("simples").date("data_exclusao"))
                .mei(body.get("simei").flag("optante"), body.get("simei").date("data_opcao"),
                        body.get("simei").date("data_exclusao"))
                .dataAsOf(body.date("ultima_atualizacao"));
        body.list("atividades_secundarias").forEach(activity -> draft.secondaryActivity(
                ReceitaCodes.activity(activity.text("code"), activity.text("text"))));
        body.list("qsa").forEach(partner -> draft.partner(partner.text("nome"), partner.text("qual"), null));
        return new Found(draft.build());
    }

    /** Its 429 is plain text; its JSON errors are read by their words. */
    @Override
    public ProviderAnswer missing(JsonFields body) {
        return error(ProviderFormat.message(body, "not found"));
    }

    @Override
    public ProviderAnswer refused(JsonFields body) {
        return error(ProviderFormat.message(body, "refused the CNPJ"));
    }

    /**
     * "CNPJ inválido" is a refusal; "CNPJ rejeitado pela Receita Federal" and "não encontrado" say
     * the company does not exist (possibly a stale cached answer for a CNPJ looked up before it
     * existed, hence a second opinion is sought); rate limit wording ("Too many requests", "limite
     * de consultas", "aguarde") is throttling; anything else is a failure of the provider.
     */
    private static ProviderAnswer error(String message) {
        String words = JsonFields.plain(message);
        if (words.contains("INVALID")) {
            return new Refused(message);
        }
        if (words.contains("REJEITADO") || words.contains("NAO ENCONTRADO") || words.contains("NOT FOUND")) {
            return new Missing(message);
        }
        if (words.contains("TOO MANY") || words.contains("LIMIT") || words.contains("EXCEDID") || words.contains("AGUARDE")
                || words.contains("TENTE NOVAMENTE") || words.contains("TRY AGAIN")) {
            return new Throttled(null, message);
        }
        return new Failed("status ERROR: " + message);
    }
}

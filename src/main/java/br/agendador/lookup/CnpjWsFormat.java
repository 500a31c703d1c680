package br.agendador.lookup;

import java.time.Instant;
import java.time.LocalDate;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Found;

/**
 * CNPJ.ws public API ({@code GET https://publica.cnpj.ws/cnpj/{cnpj}}): the company at the top
 * level, the establishment asked for under {@code estabelecimento}, texts for codes. The only one
 * that also gives state registrations (inscrições estaduais) for some states. {@code atualizado_em}
 * says when it last refreshed the record. Errors: {@code {status, titulo, detalhes}}.
 */
final class CnpjWsFormat implements ProviderFormat {

    @Override
    public String name() {
        return "cnpjws";
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        JsonFields office = body.get("estabelecimento");
        JsonFields simples = body.get("simples");
        LocalDate updated = body.date("atualizado_em");
        SnapshotDraft draft = new SnapshotDraft(office.text("cnpj"), name(), fetchedAt)
                .legalName(body.text("razao_social"))
                .tradeName(office.text("nome_fantasia"))
                .status(ReceitaCodes.status(office.text("situacao_cadastral")), office.date("data_situacao_cadastral"),
                        office.label("motivo_situacao_cadastral"))
                .openedOn(office.date("data_inicio_atividade"))
                .legalNature(body.label("natureza_juridica"))
                .mainActivity(ReceitaCodes.activity(office.get("atividade_principal").text("id"),
                        office.get("atividade_principal").text("descricao")))
                .address(ReceitaCodes.street(office.text("tipo_logradouro"), office.text("logradouro")),
                        office.text("numero"), office.text("complemento"), office.text("bairro"),
                        office.get("cidade").text("nome"), office.get("estado").text("sigla"), office.text("cep"))
                .phone(ReceitaCodes.phone(office.text("ddd1"), office.text("telefone1")))
                .email(office.text("email"))
                .shareCapital(body.decimal("capital_social"))
                .size(body.get("porte").anyText("id", "descricao"))
                .simples(simples.flag("simples"), simples.date("data_opcao_simples"), simples.date("data_exclusao_simples"))
                .mei(simples.flag("mei"), simples.date("data_opcao_mei"), simples.date("data_exclusao_mei"))
                .dataAsOf(updated != null ? updated : office.date("atualizado_em"));
        office.list("atividades_secundarias").forEach(activity -> draft.secondaryActivity(
                ReceitaCodes.activity(activity.text("id"), activity.text("descricao"))));
        body.list("socios").forEach(partner -> draft.partner(partner.text("nome"),
                partner.label("qualificacao_socio"), partner.date("data_entrada")));
        office.list("inscricoes_estaduais").forEach(registration -> draft.stateRegistration(
                registration.get("estado").text("sigla"), registration.text("inscricao_estadual"), registration.flag("ativo")));
        return new Found(draft.build());
    }
}

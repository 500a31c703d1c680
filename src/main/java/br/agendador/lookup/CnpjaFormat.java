package br.agendador.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Found;
import org.jspecify.annotations.Nullable;

/**
 * CNPJá open API ({@code GET https://open.cnpja.com/office/{cnpj}}): camelCase, the establishment
 * at the top level and the company under {@code company}, codes as {@code {id, text}}, phones and
 * e-mails as lists, state registrations under {@code registrations}, and {@code updated} for how
 * fresh the record is. Errors: {@code {code, message}}.
 */
final class CnpjaFormat implements ProviderFormat {

    private static final Pattern UTC_MIDNIGHT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T00:00(:00(\\.0+)?)?(Z|[+-]00:?00)");

    @Override
    public String name() {
        return "cnpja";
    }

    @Override
    public ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt) {
        JsonFields company = body.get("company");
        JsonFields address = body.get("address");
        JsonFields status = body.get("status");
        JsonFields phone = body.first("phones");
        JsonFields email = body.first("emails");
        SnapshotDraft draft = new SnapshotDraft(body.text("taxId"), name(), fetchedAt)
                .notGiven("simples.until", "mei.until")
                .legalName(company.text("name"))
                .tradeName(body.text("alias"))
                .status(ReceitaCodes.status(status.node().isObject() ? status.anyText("id", "text") : status.text()),
                        body.date("statusDate"), body.label("reason"))
                .openedOn(body.date("founded"))
                .legalNature(company.label("nature"))
                .mainActivity(ReceitaCodes.activity(body.get("mainActivity").text("id"), body.get("mainActivity").text("text")))
                .address(address.text("street"), address.text("number"), address.text("details"), address.text("district"),
                        address.text("city"), address.text("state"), address.text("zip"))
                .phone(ReceitaCodes.phone(phone.text("area"), phone.text("number")))
                .email(email.text("address"))
                .shareCapital(company.decimal("equity"))
                .size(company.get("size").anyText("acronym", "id", "text"))
                .simples(company.get("simples").flag("optant"), company.get("simples").date("since"), null)
                .mei(company.get("simei").flag("optant"), company.get("simei").date("since"), null)
                .dataAsOf(updated(body.text("updated")));
        body.list("sideActivities").forEach(activity -> draft.secondaryActivity(
                ReceitaCodes.activity(activity.text("id"), activity.text("text"))));
        company.list("members").forEach(member -> draft.partner(member.get("person").text("name"),
                member.label("role"), member.date("since")));
        body.list("registrations").forEach(registration -> draft.stateRegistration(registration.text("state"),
                registration.text("number"), registration.flag("enabled")));
        return new Found(draft.build());
    }

    /**
     * {@code updated} is a day written as UTC midnight ({@code 2024-09-14T00:00:00.000Z}): that day,
     * not the evening before in Brasília. Any other time is a moment, dated in Brasília as elsewhere.
     */
    static @Nullable LocalDate updated(@Nullable String updated) {
        if (updated != null && UTC_MIDNIGHT.matcher(updated).matches()) {
            return LocalDate.parse(updated.substring(0, 10));
        }
        return JsonFields.parseDate(updated);
    }
}

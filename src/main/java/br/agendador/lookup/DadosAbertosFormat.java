package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.lookup.LocalRegister.Entry;
import org.jspecify.annotations.Nullable;

/**
 * The local register's entries as snapshots, through the same {@link SnapshotDraft} and
 * {@link ReceitaCodes} as every remote provider, so a company read locally and remotely compares
 * equal. {@code dataAsOf} is the first day of the dump's month.
 */
final class DadosAbertosFormat {

    private DadosAbertosFormat() {
    }

    static CompanySnapshot read(Entry entry, Instant fetchedAt) {
        SnapshotDraft draft = new SnapshotDraft(entry.cnpj(), LocalRegister.NAME, fetchedAt)
                .notGiven("stateRegistrations")
                .legalName(entry.legalName())
                .tradeName(entry.tradeName())
                .status(entry.status() == null ? null : RegistrationStatus.ofCode(entry.status()).orElse(null),
                        entry.statusDate(), entry.statusReason())
                .openedOn(entry.openedOn())
                .legalNature(entry.legalNature())
                .mainActivity(activity(entry.mainActivity()))
                .address(ReceitaCodes.street(entry.streetType(), entry.street()), entry.number(), entry.complement(),
                        entry.district(), entry.city(), entry.state(), entry.zipCode())
                .phone(ReceitaCodes.phone(entry.areaCode(), entry.phone()))
                .email(entry.email())
                .shareCapital(entry.shareCapital())
                .size(entry.size() == null ? null : String.valueOf(entry.size()))
                .dataAsOf(entry.month().atDay(1));
        if (entry.simplesKnown()) {
            draft.simples(entry.simples(), entry.simplesSince(), entry.simplesUntil())
                    .mei(entry.mei(), entry.meiSince(), entry.meiUntil());
        } else {
            // the Simples file lists every company that ever opted: this one never did
            draft.simples(false, null, null).mei(false, null, null);
        }
        entry.secondaryActivities().forEach(activity -> draft.secondaryActivity(activity(activity)));
        entry.partners().forEach(partner -> draft.partner(partner.name(), partner.role(), partner.since()));
        return draft.build();
    }

    private static CompanySnapshot.@Nullable Activity activity(LocalRegister.@Nullable Activity activity) {
        return activity == null ? null : ReceitaCodes.activity(String.valueOf(activity.code()), activity.description());
    }
}

package br.agendador.lookup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.CompanySnapshot.Partner;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.cnpj.CompanySnapshot.StateRegistration;
import br.agendador.cnpj.RegistrationStatus;
import org.jspecify.annotations.Nullable;

/** A snapshot being read from a provider's answer, field by field, so no two fields get swapped. */
final class SnapshotDraft {

    private final @Nullable String cnpj;
    private final String source;
    private final Instant fetchedAt;
    private @Nullable String legalName;
    private @Nullable String tradeName;
    private @Nullable RegistrationStatus status;
    private @Nullable LocalDate statusDate;
    private @Nullable String statusReason;
    private @Nullable LocalDate openedOn;
    private @Nullable String legalNature;
    private @Nullable Activity mainActivity;
    private final List<Activity> secondaryActivities = new ArrayList<>();
    private final List<String> notGiven = new ArrayList<>();
    private @Nullable Address address;
    private @Nullable String phone;
    private @Nullable String email;
    private @Nullable BigDecimal shareCapital;
    private @Nullable String size;
    private @Nullable Regime simples;
    private @Nullable Regime mei;
    private final List<Partner> partners = new ArrayList<>();
    private final List<StateRegistration> stateRegistrations = new ArrayList<>();
    private @Nullable LocalDate dataAsOf;

    /** @param cnpj the CNPJ the provider says it answered for, as it wrote it */
    SnapshotDraft(@Nullable String cnpj, String source, Instant fetchedAt) {
        this.cnpj = ReceitaCodes.cnpj(cnpj);
        this.source = source;
        this.fetchedAt = fetchedAt;
    }

    @Nullable String cnpj() {
        return cnpj;
    }

    SnapshotDraft legalName(@Nullable String name) {
        legalName = name;
        return this;
    }

    SnapshotDraft tradeName(@Nullable String name) {
        tradeName = name;
        return this;
    }

    SnapshotDraft status(@Nullable RegistrationStatus value, @Nullable LocalDate since, @Nullable String reason) {
        status = value;
        statusDate = since;
        statusReason = ReceitaCodes.statusReason(reason);
        return this;
    }

    SnapshotDraft openedOn(@Nullable LocalDate date) {
        openedOn = date;
        return this;
    }

    SnapshotDraft legalNature(@Nullable String nature) {
        legalNature = ReceitaCodes.withoutCode(nature);
        return this;
    }

    SnapshotDraft mainActivity(@Nullable Activity activity) {
        mainActivity = activity;
        return this;
    }

    SnapshotDraft secondaryActivity(@Nullable Activity activity) {
        if (activity != null && !activity.equals(mainActivity) && !secondaryActivities.contains(activity)) {
            secondaryActivities.add(activity);
        }
        return this;
    }

    SnapshotDraft address(@Nullable String street, @Nullable String number, @Nullable String complement,
            @Nullable String district, @Nullable String city, @Nullable String state, @Nullable String zipCode) {
        Address read = new Address(street, number, complement, district, city,
                state == null ? null : JsonFields.plain(state), ReceitaCodes.zipCode(zipCode));
        address = read.equals(new Address(null, null, null, null, null, null, null)) ? null : read;
        return this;
    }

    SnapshotDraft phone(@Nullable String formatted) {
        phone = formatted;
        return this;
    }

    SnapshotDraft email(@Nullable String raw) {
        email = ReceitaCodes.email(raw);
        return this;
    }

    /** In reais, two decimals. */
    SnapshotDraft shareCapital(@Nullable BigDecimal amount) {
        shareCapital = amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
        return this;
    }

    SnapshotDraft size(@Nullable String raw) {
        size = ReceitaCodes.size(raw);
        return this;
    }

    SnapshotDraft simples(@Nullable Boolean optant, @Nullable LocalDate since, @Nullable LocalDate until) {
        simples = regime(optant, since, until);
        return this;
    }

    SnapshotDraft mei(@Nullable Boolean optant, @Nullable LocalDate since, @Nullable LocalDate until) {
        mei = regime(optant, since, until);
        return this;
    }

    SnapshotDraft partner(@Nullable String name, @Nullable String role, @Nullable LocalDate since) {
        if (name != null) {
            partners.add(new Partner(name, ReceitaCodes.withoutCode(role), since));
        }
        return this;
    }

    SnapshotDraft stateRegistration(@Nullable String state, @Nullable String number, @Nullable Boolean active) {
        if (state != null && number != null) {
            stateRegistrations.add(new StateRegistration(JsonFields.plain(state), number, active));
        }
        return this;
    }

    SnapshotDraft dataAsOf(@Nullable LocalDate date) {
        dataAsOf = date;
        return this;
    }

    /** Fields this provider's format never has (see {@link CompanySnapshot#notGiven()}). */
    SnapshotDraft notGiven(String... fields) {
        notGiven.addAll(List.of(fields));
        return this;
    }

    /** A regime the answer says nothing about is not given, whatever the format usually has. */
    CompanySnapshot build() {
        Set<String> unknown = new LinkedHashSet<>(notGiven);
        if (simples == null) {
            unknown.add("simples");
        }
        if (mei == null) {
            unknown.add("mei");
        }
        return new CompanySnapshot(Objects.requireNonNull(cnpj, "the answer names no CNPJ"), legalName, tradeName,
                status, statusDate, statusReason, openedOn, legalNature, mainActivity, secondaryActivities, address, phone,
                email, shareCapital, size, simples, mei, partners, stateRegistrations, source, dataAsOf, fetchedAt,
                List.of(), List.copyOf(unknown));
    }

    private static @Nullable Regime regime(@Nullable Boolean optant, @Nullable LocalDate since, @Nullable LocalDate until) {
        return optant == null && since == null && until == null ? null : new Regime(optant, since, until);
    }
}

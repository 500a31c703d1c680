package br.agendador.cnpj;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What we know of a company at one moment, in one shape whatever provider answered. This is the
 * {@code result} of a finished job in the API, and what successive lookups are compared on.
 *
 * @param source the provider that answered ("brasilapi", "minhareceita"...)
 * @param dataAsOf the date of the Receita's data the provider served, when it says
 * @param fetchedAt when we received it
 * @param changes what differs from the previous snapshot of the same CNPJ (empty for the first)
 * @param notGiven the fields {@code source} could not tell (its format has no such field, or this
 *        answer left it out), by their names here ({@code "simples"}, {@code "partners.since"},
 *        {@code "activityDescriptions"}...): unknown, which is not the same as empty
 */
public record CompanySnapshot(
        String cnpj,
        @Nullable String legalName,
        @Nullable String tradeName,
        @Nullable RegistrationStatus registrationStatus,
        @Nullable LocalDate registrationStatusDate,
        @Nullable String registrationStatusReason,
        @Nullable LocalDate openedOn,
        @Nullable String legalNature,
        @Nullable Activity mainActivity,
        List<Activity> secondaryActivities,
        @Nullable Address address,
        @Nullable String phone,
        @Nullable String email,
        @Nullable BigDecimal shareCapital,
        @Nullable String size,
        @Nullable Regime simples,
        @Nullable Regime mei,
        List<Partner> partners,
        List<StateRegistration> stateRegistrations,
        String source,
        @Nullable LocalDate dataAsOf,
        Instant fetchedAt,
        List<FieldChange> changes,
        List<String> notGiven) {

    /**
     * A list missing from stored JSON reads as empty: a snapshot stored before a list was added
     * (or by a provider format without it) must stay readable, not fail every reader of its job.
     */
    public CompanySnapshot {
        secondaryActivities = orEmpty(secondaryActivities);
        partners = orEmpty(partners);
        stateRegistrations = orEmpty(stateRegistrations);
        changes = orEmpty(changes);
        notGiven = orEmpty(notGiven);
    }

    /** A snapshot whose provider told every field it has. */
    public CompanySnapshot(String cnpj, @Nullable String legalName, @Nullable String tradeName,
            @Nullable RegistrationStatus registrationStatus, @Nullable LocalDate registrationStatusDate,
            @Nullable String registrationStatusReason, @Nullable LocalDate openedOn, @Nullable String legalNature,
            @Nullable Activity mainActivity, List<Activity> secondaryActivities, @Nullable Address address,
            @Nullable String phone, @Nullable String email, @Nullable BigDecimal shareCapital, @Nullable String size,
            @Nullable Regime simples, @Nullable Regime mei, List<Partner> partners,
            List<StateRegistration> stateRegistrations, String source, @Nullable LocalDate dataAsOf, Instant fetchedAt,
            List<FieldChange> changes) {
        this(cnpj, legalName, tradeName, registrationStatus, registrationStatusDate, registrationStatusReason, openedOn,
                legalNature, mainActivity, secondaryActivities, address, phone, email, shareCapital, size, simples, mei,
                partners, stateRegistrations, source, dataAsOf, fetchedAt, changes, List.of());
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public CompanySnapshot withChanges(List<FieldChange> changes) {
        return new CompanySnapshot(cnpj, legalName, tradeName, registrationStatus, registrationStatusDate,
                registrationStatusReason, openedOn, legalNature, mainActivity, secondaryActivities, address, phone,
                email, shareCapital, size, simples, mei, partners, stateRegistrations, source, dataAsOf, fetchedAt,
                changes, notGiven);
    }

    /** A CNAE activity; the code as seven digits ("6201501"). */
    public record Activity(String code, @Nullable String description) {
    }

    public record Address(@Nullable String street, @Nullable String number, @Nullable String complement,
            @Nullable String district, @Nullable String city, @Nullable String state, @Nullable String zipCode) {
    }

    /** Simples Nacional or MEI: whether the company opted in, since when and until when. */
    public record Regime(@Nullable Boolean optant, @Nullable LocalDate since, @Nullable LocalDate until) {
    }

    /** A partner or administrator (QSA). */
    public record Partner(String name, @Nullable String role, @Nullable LocalDate since) {
    }

    /** Inscrição estadual, when the provider gives them. */
    public record StateRegistration(String state, String number, @Nullable Boolean active) {
    }
}

package br.agendador.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.FieldChange;
import org.jspecify.annotations.Nullable;

/**
 * A company found by a job, laid out for reading in the viewer's language, with what changed
 * since the previous lookup of the same CNPJ. Change fields are the snapshot's own names
 * ({@code legalName}, {@code address.street}, {@code simples.optant}), so a section of the page
 * is "changed" when any change names it or one of its parts.
 */
public record CompanyView(CompanySnapshot company, Locale locale) {

    private static final Currency REAL = Currency.getInstance("BRL");

    public String cnpj() {
        return new Cnpj(company.cnpj()).formatted();
    }

    public List<FieldChange> changes() {
        return company.changes();
    }

    public boolean changed(String field) {
        return !changesOf(field).isEmpty();
    }

    /** The changes of {@code field} and of its parts ({@code address} covers {@code address.city}). */
    public List<FieldChange> changesOf(String field) {
        return company.changes().stream()
                .filter(change -> change.field().equals(field) || change.field().startsWith(field + "."))
                .toList();
    }

    /** Whether the provider could not tell {@code field} (unknown, rather than empty). */
    public boolean notGiven(String field) {
        return company.notGiven().contains(field);
    }

    public String date(@Nullable LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }

    public String shareCapital() {
        BigDecimal capital = company.shareCapital();
        if (capital == null) {
            return "";
        }
        NumberFormat money = NumberFormat.getCurrencyInstance(locale);
        money.setCurrency(REAL);
        return money.format(capital);
    }

    /** {@code 01310100} as {@code 01310-100}. */
    public String zipCode() {
        String zip = company.address() == null ? null : company.address().zipCode();
        if (zip == null) {
            return "";
        }
        String digits = zip.replaceAll("\\D", "");
        return digits.length() == 8 ? digits.substring(0, 5) + "-" + digits.substring(5) : zip;
    }

    /** The CNAE code as the Receita writes it ({@code 6201-5/01}), then the description. */
    public String activity(@Nullable Activity activity) {
        if (activity == null) {
            return "";
        }
        String code = activity.code();
        String shown = code.matches("\\d{7}") ? code.substring(0, 4) + "-" + code.charAt(4) + "/" + code.substring(5)
                : code;
        return activity.description() == null ? shown : shown + " · " + activity.description();
    }
}

package br.agendador.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * How mails write values for one reader: times in their zone, dates, CNPJs, CNAE codes, postal
 * codes and addresses the Brazilian way, words from the message files. Templates call it as
 * {@code fmt}.
 */
public final class MailFormat {

    private static final String NONE = "—";

    private final Locale locale;
    private final ZoneId zone;
    private final MessageSource messages;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;
    private final DateTimeFormatter dayTime;

    MailFormat(Locale locale, ZoneId zone, MessageSource messages) {
        this.locale = locale;
        this.zone = zone;
        this.messages = messages;
        this.dateTime = pattern("format.dateTime");
        this.date = pattern("format.date");
        this.time = pattern("format.time");
        this.dayTime = pattern("format.dayTime");
    }

    public String zone() {
        return zone.getId();
    }

    public String dateTime(@Nullable Instant instant) {
        return instant == null ? NONE : dateTime.format(instant.atZone(zone));
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? NONE : time.format(instant.atZone(zone));
    }

    /** Day and time without the year, for lists within a day or two. */
    public String dayTime(@Nullable Instant instant) {
        return instant == null ? NONE : dayTime.format(instant.atZone(zone));
    }

    public String date(@Nullable LocalDate localDate) {
        return localDate == null ? NONE : date.format(localDate);
    }

    /** The local date of an instant in the reader's zone. */
    public String date(@Nullable Instant instant) {
        return instant == null ? NONE : date.format(instant.atZone(zone));
    }

    /** {@code 12.345.678/0001-95}; anything that is not a valid CNPJ as it came. */
    public String cnpj(String value) {
        return Cnpj.isValid(value) ? Cnpj.parse(value).formatted() : value;
    }

    /** A CNAE subclass as the Receita writes it, {@code 6201-5/01}, then its description. */
    public String activity(@Nullable Activity activity) {
        if (activity == null) {
            return NONE;
        }
        String code = activity.code();
        String formatted = code.length() == 7 && code.chars().allMatch(Character::isDigit)
                ? code.substring(0, 4) + "-" + code.charAt(4) + "/" + code.substring(5)
                : code;
        return activity.description() == null || activity.description().isBlank()
                ? formatted : formatted + " · " + activity.description();
    }

    /** One line: street, number, complement, district, city/state and postal code. */
    public String address(@Nullable Address address) {
        if (address == null) {
            return NONE;
        }
        String street = join(", ", address.street(), address.number(), address.complement());
        String city = join("/", address.city(), address.state());
        String zip = address.zipCode() == null ? null : message("format.zipCode", zipCode(address.zipCode()));
        String line = join(" · ", street, address.district(), city, zip);
        return line.isEmpty() ? NONE : line;
    }

    public String zipCode(String zip) {
        String digits = zip.replaceAll("\\D", "");
        return digits.length() == 8 ? digits.substring(0, 5) + "-" + digits.substring(5) : zip;
    }

    public String status(@Nullable RegistrationStatus status) {
        return status == null ? NONE : message("company.status." + status.name());
    }

    public String money(@Nullable BigDecimal amount) {
        if (amount == null) {
            return NONE;
        }
        NumberFormat currency = NumberFormat.getCurrencyInstance(Locale.forLanguageTag("pt-BR"));
        return currency.format(amount);
    }

    /** A changed field's name for people ({@code address.city} → "Cidade"), or the name itself. */
    public String field(String field) {
        return messages.getMessage("field." + field, null, field, locale);
    }

    /** The names of the changed fields, for a one-line "what changed". */
    public String fields(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::field).distinct().map(this::field).collect(Collectors.joining(", "));
    }

    /** The value, or a dash when there is none. */
    public String value(@Nullable Object value) {
        if (value == null) {
            return NONE;
        }
        String text = value.toString();
        return text.isBlank() ? NONE : text;
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    private DateTimeFormatter pattern(String code) {
        return DateTimeFormatter.ofPattern(message(code), locale);
    }

    private static String join(String separator, @Nullable String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).map(String::strip).filter(p -> !p.isEmpty())
                .collect(Collectors.joining(separator));
    }
}

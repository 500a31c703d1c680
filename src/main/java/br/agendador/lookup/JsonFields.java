package br.agendador.lookup;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A provider's JSON, read leniently, because their formats drift and are partly undocumented:
 * absent, null, blank and placeholder values ({@code ""}, {@code "0000-00-00"}, {@code "********"})
 * read as null; numbers may come as text and text as numbers; dates come in any of the formats the
 * providers use; unknown fields are ignored.
 */
record JsonFields(JsonNode node) {

    /** Receita dates and timestamps are Brazilian; a timestamp's date is the date in Brasília. */
    static final ZoneId BRAZIL = ZoneId.of("America/Sao_Paulo");

    private static final DateTimeFormatter DAY_MONTH_YEAR =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");
    private static final Pattern NOTHING = Pattern.compile("[0\\s/.:T-]*|\\**");

    JsonFields get(String name) {
        return new JsonFields(node.path(name));
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The elements of an array field; an absent or non-array field has none. */
    List<JsonFields> list(String name) {
        JsonNode array = node.path(name);
        List<JsonFields> elements = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(element -> elements.add(new JsonFields(element)));
        }
        return elements;
    }

    /** The first element of an array field; absent when there is none. */
    JsonFields first(String name) {
        return new JsonFields(node.path(name).path(0));
    }

    @Nullable String text(String name) {
        return text(node.path(name));
    }

    /** The first of these fields that has a value: providers rename fields between versions. */
    @Nullable String anyText(String... names) {
        for (String name : names) {
            String text = text(name);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /**
     * A coded field's words, whether the provider gives it as text ({@code "Ativa"}) or as an object
     * ({@code {"id": 2, "text": "Ativa"}}, {@code {"codigo": "00", "descricao": "SEM MOTIVO"}}).
     */
    @Nullable String label(String name) {
        JsonFields value = get(name);
        return value.node.isObject() ? value.anyText("descricao", "text", "nome") : value.text();
    }

    /** This value itself as text. */
    @Nullable String text() {
        return text(node);
    }

    @Nullable LocalDate date(String name) {
        return parseDate(text(name));
    }

    @Nullable BigDecimal decimal(String name) {
        JsonNode value = node.path(name);
        return value.isNumber() ? value.decimalValue() : parseDecimal(text(value));
    }

    /** true/false, "S"/"N", "Sim"/"Não", 1/0; anything else is unknown (null). */
    @Nullable Boolean flag(String name) {
        JsonNode value = node.path(name);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        return switch (plain(text)) {
            case "S", "SIM", "Y", "YES", "TRUE", "1" -> true;
            case "N", "NAO", "NO", "FALSE", "0" -> false;
            default -> null;
        };
    }

    static @Nullable String text(JsonNode value) {
        if (value.isString()) {
            String text = value.stringValue().strip();
            return text.isEmpty() || text.chars().allMatch(c -> c == '*') ? null : text;
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return null;
    }

    /**
     * ISO ({@code 2024-05-22}), Brazilian ({@code 22/05/2024}), compact ({@code 20240522}) and
     * timestamps ({@code 2024-05-22T03:00:00.000Z}, taken as the date in Brasília). Empty and
     * all-zero dates, and anything unreadable, are null: one odd date must not sink a whole answer.
     */
    static @Nullable LocalDate parseDate(@Nullable String text) {
        if (text == null || NOTHING.matcher(text).matches()) {
            return null;
        }
        try {
            if (ISO_DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
            if (ISO_DATE_TIME.matcher(text).matches()) {
                String iso = text.replace(' ', 'T');
                try {
                    return OffsetDateTime.parse(iso).atZoneSameInstant(BRAZIL).toLocalDate();
                } catch (DateTimeParseException noOffset) {
                    return LocalDate.parse(iso.substring(0, 10));
                }
            }
            if (text.length() == 10 && text.charAt(2) == '/') {
                return LocalDate.parse(text, DAY_MONTH_YEAR);
            }
            if (text.length() == 8 && text.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(text, COMPACT);
            }
        } catch (DateTimeParseException unreadable) {
            return null;
        }
        return null;
    }

    /** {@code 1061004800}, {@code "400000.00"}, {@code "29500,00"}, {@code "R$ 1.234.567,89"}. */
    static @Nullable BigDecimal parseDecimal(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String number = text.replace("R$", "").replaceAll("\\s", "");
        if (number.contains(",")) {
            number = number.replace(".", "").replace(',', '.');
        }
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** Upper case without accents: how texts from different providers are compared. */
    static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").strip().toUpperCase(Locale.ROOT);
    }
}

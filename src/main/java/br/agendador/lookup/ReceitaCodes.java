package br.agendador.lookup;

import java.util.Locale;
import java.util.regex.Pattern;

import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.RegistrationStatus;
import org.jspecify.annotations.Nullable;

/**
 * The Receita's codes and texts as the providers write them (CNAE with or without punctuation,
 * porte as code, acronym or words, "203-8 - Sociedade..." or just the words, phones with or without
 * the area code apart), brought to one form so snapshots from different providers compare equal.
 */
final class ReceitaCodes {

    private static final Pattern LEADING_CODE = Pattern.compile("^\\d[\\d.-]*\\s*-\\s*");
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

    private ReceitaCodes() {
    }

    /** Seven digits ({@code 0600001}) from {@code 600001}, {@code "06.00-0-01"} or {@code "0600-0/01"}. */
    static @Nullable String cnae(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String digits = NOT_DIGIT.matcher(raw).replaceAll("");
        if (digits.isEmpty() || digits.chars().allMatch(c -> c == '0') || digits.length() > 7) {
            return null;
        }
        return "0".repeat(7 - digits.length()) + digits;
    }

    static @Nullable Activity activity(@Nullable String code, @Nullable String description) {
        String cnae = cnae(code);
        return cnae == null ? null : new Activity(cnae, description);
    }

    /** ME, EPP or DEMAIS from the Receita's code (1, 3, 5) or any of the ways providers spell it. */
    static @Nullable String size(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String plain = JsonFields.plain(raw);
        if (plain.contains("NAO INFORMADO") || plain.matches("0+")) {
            return null;
        }
        if (plain.matches("0*1") || plain.equals("ME") || plain.startsWith("MICRO")) {
            return "ME";
        }
        if (plain.matches("0*3") || plain.equals("EPP") || plain.contains("PEQUENO PORTE")) {
            return "EPP";
        }
        if (plain.matches("0*5") || plain.startsWith("DEMAIS")) {
            return "DEMAIS";
        }
        return plain;
    }

    /** "Sociedade de Economia Mista" from "203-8 - Sociedade de Economia Mista"; "Presidente" from "16-Presidente". */
    static @Nullable String withoutCode(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String text = LEADING_CODE.matcher(raw).replaceFirst("").strip();
        return text.isEmpty() ? null : text;
    }

    /** The status from its code (2) or its words ("ATIVA", "Ativa"); unknown or blank is null. */
    static @Nullable RegistrationStatus status(@Nullable String raw) {
        return raw == null ? null : RegistrationStatus.parse(raw).orElse(null);
    }

    /** The reason for the status; the Receita's "SEM MOTIVO" (no reason) is no reason. */
    static @Nullable String statusReason(@Nullable String raw) {
        String reason = withoutCode(raw);
        return reason == null || JsonFields.plain(reason).equals("SEM MOTIVO") ? null : reason;
    }

    static @Nullable String street(@Nullable String type, @Nullable String name) {
        if (name == null) {
            return type;
        }
        if (type == null || JsonFields.plain(name).startsWith(JsonFields.plain(type) + " ")) {
            return name;
        }
        return type + " " + name;
    }

    /** Eight digits. */
    static @Nullable String zipCode(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String digits = NOT_DIGIT.matcher(raw).replaceAll("");
        return digits.isEmpty() ? null : digits;
    }

    /** {@code (21) 3224-4477} from the area code and number given apart. */
    static @Nullable String phone(@Nullable String area, @Nullable String number) {
        if (number == null) {
            return null;
        }
        return phone((area == null ? "" : area) + number);
    }

    /** {@code (21) 3224-4477} from {@code "2132244477"}, {@code "21 32244477"} or {@code "(21) 3224-4477 / ..."} (the first). */
    static @Nullable String phone(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String first = raw.split("/")[0];
        String digits = NOT_DIGIT.matcher(first).replaceAll("");
        return switch (digits.length()) {
            case 0 -> null;
            case 10 -> "(" + digits.substring(0, 2) + ") " + digits.substring(2, 6) + "-" + digits.substring(6);
            case 11 -> "(" + digits.substring(0, 2) + ") " + digits.substring(2, 7) + "-" + digits.substring(7);
            default -> digits;
        };
    }

    static @Nullable String email(@Nullable String raw) {
        return raw == null || !raw.contains("@") ? null : raw.strip().toLowerCase(Locale.ROOT);
    }

    /** The CNPJ a provider says it answered for, without punctuation. */
    static @Nullable String cnpj(@Nullable String raw) {
        return raw == null ? null : raw.replaceAll("[^0-9A-Za-z]", "").toUpperCase(Locale.ROOT);
    }
}

package br.agendador.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages the product speaks; Portuguese first. */
public enum Language {

    PT_BR("pt-BR"), EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** Accepts {@code pt-BR}, {@code pt_br}, {@code pt}, {@code en}, {@code en-US}... */
    public static Optional<Language> parse(String value) {
        String normalised = value.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(l -> normalised.equals(l.tag.toLowerCase(Locale.ROOT))
                        || normalised.startsWith(l.tag.substring(0, 2) + "-") || normalised.equals(l.tag.substring(0, 2)))
                .findFirst();
    }
}

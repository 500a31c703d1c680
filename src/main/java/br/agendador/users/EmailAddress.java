package br.agendador.users;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses are compared and stored trimmed and in lower case. */
public final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String normalised) {
        return normalised.length() <= MAX_LENGTH && SHAPE.matcher(normalised).matches();
    }
}

package br.agendador.cnpj;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A valid CNPJ, kept as its 14 characters without punctuation, in upper case.
 *
 * <p>Since July 2026 the first 12 positions (root and branch) may be letters A–Z as well as
 * digits; the two check digits stay numeric. Each character counts as its ASCII code minus 48
 * ('0' is 0, 'A' is 17) in the usual modulo-11 check with weights 5,4,3,2,9,8,7,6,5,4,3,2 and then
 * 6,5,4,3,2,9,8,7,6,5,4,3,2. Numeric CNPJs are the special case with no letters.
 */
public record Cnpj(String value) implements Comparable<Cnpj> {

    public static final int LENGTH = 14;
    private static final int[] FIRST_WEIGHTS = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND_WEIGHTS = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    public Cnpj {
        Problem problem = problemWith(value);
        if (problem != null) {
            throw new InvalidCnpjException(value, problem.kind(), problem.arguments());
        }
    }

    /**
     * Reads a CNPJ typed any way people type it: with or without dots, slash, dash and spaces,
     * in any case.
     *
     * @throws InvalidCnpjException saying what is wrong (length, characters, check digits)
     */
    public static Cnpj parse(String text) {
        return new Cnpj(strip(text));
    }

    public static boolean isValid(String text) {
        return problemWith(strip(text)) == null;
    }

    /** What is wrong with a candidate value, and the parts of the explanation. */
    private record Problem(CnpjProblem kind, Object... arguments) {
    }

    /** {@code 12.ABC.345/01DE-35} */
    public String formatted() {
        return value.substring(0, 2) + "." + value.substring(2, 5) + "." + value.substring(5, 8) + "/"
                + value.substring(8, 12) + "-" + value.substring(12);
    }

    /** The first 8 characters, shared by a company's head office and branches. */
    public String root() {
        return value.substring(0, 8);
    }

    /** Issued since July 2026 with letters; some providers cannot look these up yet. */
    public boolean isAlphanumeric() {
        return value.chars().anyMatch(Character::isLetter);
    }

    @Override
    public int compareTo(Cnpj other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The two check digits for a 12-character base (root + branch). */
    static String checkDigits(String base) {
        int first = checkDigit(base, FIRST_WEIGHTS);
        int second = checkDigit(base + first, SECOND_WEIGHTS);
        return "" + first + second;
    }

    private static int checkDigit(String chars, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (chars.charAt(i) - '0') * weights[i];
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    private static String strip(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '/' && c != '-' && !Character.isWhitespace(c)) {
                kept.append(c);
            }
        }
        return kept.toString().toUpperCase(Locale.ROOT);
    }

    private static @Nullable Problem problemWith(String value) {
        if (value.length() != LENGTH) {
            return new Problem(CnpjProblem.LENGTH, value.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = c >= 'A' && c <= 'Z';
            if (i < 12 ? !(digit || letter) : !digit) {
                return new Problem(i < 12 ? CnpjProblem.CHARACTERS : CnpjProblem.CHECK_DIGIT_NOT_NUMERIC, String.valueOf(c));
            }
        }
        if (value.chars().distinct().count() == 1) {
            return new Problem(CnpjProblem.ALL_EQUAL);
        }
        String expected = checkDigits(value.substring(0, 12));
        if (!value.endsWith(expected)) {
            return new Problem(CnpjProblem.CHECK_DIGITS, expected, value.substring(12));
        }
        return null;
    }
}

package br.agendador.support;

import br.agendador.cnpj.Cnpj;

/** Valid CNPJs made up for tests, numeric or alphanumeric: a 12-character base completed with its check digits. */
public final class CheckDigits {

    private static final int[] FIRST = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private CheckDigits() {
    }

    /** The two check digits of a numeric 12-digit base, computed directly (for generating millions). */
    public static String of(String base) {
        int first = digit(base, FIRST);
        int second = digit(base + first, SECOND);
        return "" + first + second;
    }

    /** {@code base} (12 digits or letters) and the two check digits that make it valid. */
    public static Cnpj complete(String base) {
        for (int digits = 0; digits < 100; digits++) {
            String candidate = base + String.format("%02d", digits);
            if (Cnpj.isValid(candidate)) {
                return Cnpj.parse(candidate);
            }
        }
        throw new IllegalArgumentException("no check digits make " + base + " a CNPJ");
    }

    private static int digit(String chars, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (chars.charAt(i) - '0') * weights[i];
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}

package br.agendador.jobs;

import java.util.ArrayList;
import java.util.List;

/** Valid CNPJs made up for tests: a 12-digit base and its check digits. */
final class TestCnpjs {

    private static final int[] FIRST = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private TestCnpjs() {
    }

    /** {@code count} distinct valid CNPJs whose bases count up from {@code start}. */
    static List<String> numbered(long start, int count) {
        List<String> cnpjs = new ArrayList<>(count);
        for (long n = start; cnpjs.size() < count; n++) {
            cnpjs.add(of(String.format("%012d", n)));
        }
        return cnpjs;
    }

    static String of(String base) {
        int first = digit(base, FIRST);
        int second = digit(base + first, SECOND);
        return base + first + second;
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

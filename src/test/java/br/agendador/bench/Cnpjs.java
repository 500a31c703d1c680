package br.agendador.bench;

import java.util.ArrayList;
import java.util.List;

/** Valid made-up CNPJs: 12-digit bases counting up, with their check digits. */
final class Cnpjs {

    private static final int[] FIRST = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private Cnpjs() {
    }

    static List<String> numbered(long start, int count) {
        List<String> cnpjs = new ArrayList<>(count);
        for (long n = start; cnpjs.size() < count; n++) {
            String base = String.format("%012d", n);
            int first = digit(base, FIRST);
            cnpjs.add(base + first + digit(base + first, SECOND));
        }
        return cnpjs;
    }

    /** Head offices ("0001") of {@code count} companies with consecutive roots from {@code startRoot}. */
    static List<String> headOffices(long startRoot, int count) {
        List<String> cnpjs = new ArrayList<>(count);
        for (long root = startRoot; cnpjs.size() < count; root++) {
            String base = String.format("%08d0001", root);
            int first = digit(base, FIRST);
            cnpjs.add(base + first + digit(base + first, SECOND));
        }
        return cnpjs;
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

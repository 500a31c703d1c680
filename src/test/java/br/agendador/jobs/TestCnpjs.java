package br.agendador.jobs;

import java.util.ArrayList;
import java.util.List;

import br.agendador.support.CheckDigits;

/** Valid CNPJs made up for tests: a 12-digit base and its check digits. */
final class TestCnpjs {

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
        return base + CheckDigits.of(base);
    }
}

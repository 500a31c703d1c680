package br.agendador.support;

import br.agendador.cnpj.Cnpj;

/** Valid CNPJs made up for tests, numeric or alphanumeric: a 12-character base completed with its check digits. */
public final class CheckDigits {

    private CheckDigits() {
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
}

package br.agendador.web;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.InvalidCnpjException;
import org.jspecify.annotations.Nullable;

/**
 * The server's verdict on a typed CNPJ (the browser script only gives early feedback): the
 * formatted CNPJ when valid, otherwise a message key saying what to fix.
 */
public record CnpjCheck(String input, @Nullable String formatted, boolean alphanumeric, @Nullable String problem) {

    static CnpjCheck of(String input) {
        try {
            Cnpj cnpj = Cnpj.parse(input);
            return new CnpjCheck(input, cnpj.formatted(), cnpj.isAlphanumeric(), null);
        } catch (InvalidCnpjException invalid) {
            return new CnpjCheck(input, null, false, problemKey(invalid.reason()));
        }
    }

    public boolean valid() {
        return problem == null;
    }

    /** The value object explains itself in English sentences; the pages need one of four keys. */
    static String problemKey(String reason) {
        return "cnpj.problem." + kind(reason);
    }

    private static String kind(String reason) {
        if (reason.startsWith("must have 14")) {
            return "length";
        }
        if (reason.startsWith("check digits")) {
            return "checkDigits";
        }
        if (reason.startsWith("cannot have all")) {
            return "repeated";
        }
        return "characters";
    }
}

package br.agendador.web;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CnpjProblem;
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
            return new CnpjCheck(input, null, false, problemKey(invalid.problem()));
        }
    }

    public boolean valid() {
        return problem == null;
    }

    /** The message key of why it is not a CNPJ: the same words the page's script shows as you type. */
    static String problemKey(CnpjProblem problem) {
        return problem.messageKey();
    }
}

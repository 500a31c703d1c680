package br.agendador.cnpj;

import java.util.List;

/** The text is not a valid CNPJ; the problem says why in words a user can act on. */
public class InvalidCnpjException extends IllegalArgumentException {

    private final CnpjProblem problem;
    private final List<Object> arguments;

    InvalidCnpjException(String value, CnpjProblem problem, Object... arguments) {
        super("'" + value + "' is not a valid CNPJ: it " + problem.message(arguments));
        this.problem = problem;
        this.arguments = List.of(arguments);
    }

    public CnpjProblem problem() {
        return problem;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    /** Why, starting with a verb: "must have 14 characters...", "check digits do not match...". */
    public String reason() {
        return problem.message(arguments());
    }
}

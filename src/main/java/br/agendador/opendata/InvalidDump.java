package br.agendador.opendata;

import java.util.List;

/** A source that is not a complete, readable dump; the problem says what is wrong or missing. */
public class InvalidDump extends RuntimeException {

    private final OpenDataProblem problem;
    private final List<Object> arguments;

    InvalidDump(OpenDataProblem problem, Object... arguments) {
        super(problem.message(arguments));
        this.problem = problem;
        this.arguments = List.of(arguments);
    }

    public OpenDataProblem problem() {
        return problem;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}

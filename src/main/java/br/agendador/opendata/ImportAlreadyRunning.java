package br.agendador.opendata;

/** Only one import runs at a time, across every process sharing the database. */
public class ImportAlreadyRunning extends RuntimeException {

    private final String which;

    /** @param which " (import 3, 2026-11)", or empty when it is not known */
    ImportAlreadyRunning(String which) {
        super(OpenDataProblem.ALREADY_RUNNING.message(which));
        this.which = which;
    }

    public String which() {
        return which;
    }
}

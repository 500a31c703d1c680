package br.agendador.opendata;

/** A cancel that came after the import had ended. */
public class ImportFinished extends RuntimeException {

    private final long id;
    private final ImportStatus status;

    ImportFinished(long id, ImportStatus status) {
        super(OpenDataProblem.FINISHED.message(id, status));
        this.id = id;
        this.status = status;
    }

    public long id() {
        return id;
    }

    public ImportStatus status() {
        return status;
    }
}

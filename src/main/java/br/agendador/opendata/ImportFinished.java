package br.agendador.opendata;

/** A cancel that came after the import had ended. */
public class ImportFinished extends RuntimeException {

    ImportFinished(long id, ImportStatus status) {
        super("Import " + id + " has already ended (" + status + "); there is nothing to cancel");
    }
}

package br.agendador.opendata;

/** Only one import runs at a time, across every process sharing the database. */
public class ImportAlreadyRunning extends RuntimeException {

    ImportAlreadyRunning(String message) {
        super(message);
    }
}

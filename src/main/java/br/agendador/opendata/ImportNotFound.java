package br.agendador.opendata;

public class ImportNotFound extends RuntimeException {

    ImportNotFound(long id) {
        super("No open data import " + id);
    }
}

package br.agendador.opendata;

public class ImportNotFound extends RuntimeException {

    private final long id;

    ImportNotFound(long id) {
        super(OpenDataProblem.NOT_FOUND.message(id));
        this.id = id;
    }

    public long id() {
        return id;
    }
}

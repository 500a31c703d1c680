package br.agendador.opendata;

/** A source that is not a complete, readable dump; the message says what is wrong or missing. */
public class InvalidDump extends RuntimeException {

    public InvalidDump(String message) {
        super(message);
    }
}

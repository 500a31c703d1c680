package br.agendador.platform.problem;

import java.io.IOException;

/** Thrown while reading a request body that turned out larger than allowed. */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

package br.agendador.opendata;

/** Where an import of the dump stands. */
public enum ImportStatus {
    /** Accepted, about to start. */
    QUEUED,
    /** Downloading, loading, indexing or swapping. */
    RUNNING,
    /** Swapped in: its month is the one served (until a newer import succeeds). */
    SUCCEEDED,
    /** Stopped by an error or an interruption; the previous month is still served. */
    FAILED,
    /** Stopped on request; the previous month is still served. */
    CANCELED;

    boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}

package br.agendador.jobs;

/**
 * <pre>
 * SCHEDULED --claim--> RUNNING --> SUCCEEDED   (company found, snapshot stored)
 *     ^  |                 | ----> NOT_FOUND   (valid CNPJ, no such company)
 *     |  +--cancel--> CANCELED ---> FAILED     (permanent error or retries exhausted)
 *     +---- retry (backoff) ---+     FAILED/NOT_FOUND --retry by the user--> SCHEDULED
 * </pre>
 */
public enum JobStatus {
    SCHEDULED, RUNNING, SUCCEEDED, NOT_FOUND, FAILED, CANCELED;

    /** The run is over and nothing will happen to the job unless a user retries it. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == NOT_FOUND || this == FAILED || this == CANCELED;
    }
}

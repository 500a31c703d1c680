package br.agendador.platform.deadletters;

/** Where a dead letter comes from; each kind belongs to the module that owns its table. */
public enum DeadLetterKind {
    /** A job that ended FAILED: a permanent error, or its retries exhausted. */
    JOB,
    /** An e-mail the SMTP server kept refusing. */
    MAIL,
    /** An event publication whose listener failed (the registry's FAILED state). */
    EVENT
}

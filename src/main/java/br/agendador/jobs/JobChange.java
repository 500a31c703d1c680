package br.agendador.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An edit of a SCHEDULED job: a {@code null} field stays as it is; an empty {@code label}
 * removes the label.
 */
public record JobChange(
        @Nullable String cnpj,
        @Nullable Instant scheduledAt,
        @Nullable Integer priority,
        @Nullable String label,
        @Nullable Recurrence recurrence) {

    public static final String REMOVE_LABEL = "";
}

package br.agendador.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A job a person asks for. Only the CNPJ is required (any punctuation, any case); {@code
 * scheduledAt} defaults to now, {@code priority} to 3 (1 lowest .. 5 highest), {@code
 * recurrence} to NONE.
 */
public record NewJob(
        @Nullable String cnpj,
        @Nullable Instant scheduledAt,
        @Nullable Integer priority,
        @Nullable String label,
        @Nullable Recurrence recurrence) {
}

package br.agendador.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One run of a job: which worker, when, and how it ended ({@code SUCCEEDED}, {@code NOT_FOUND},
 * {@code FAILED}, {@code RETRY}, {@code LEASE_EXPIRED}, {@code RELEASED}; null while running).
 */
public record JobAttempt(
        int attempt,
        String workerId,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String outcome,
        @Nullable String provider,
        @Nullable String error) {
}

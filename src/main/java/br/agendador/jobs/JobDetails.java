package br.agendador.jobs;

import java.time.Instant;

import br.agendador.cnpj.CompanySnapshot;
import org.jspecify.annotations.Nullable;

/** A job as other modules read it (notifications, digest, web). */
public record JobDetails(
        long id,
        long userId,
        String cnpj,
        JobStatus status,
        int priority,
        @Nullable String label,
        Recurrence recurrence,
        Instant scheduledAt,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int attempt,
        @Nullable String lastError,
        @Nullable CompanySnapshot result) {
}

package br.agendador.jobs;

import org.jspecify.annotations.Nullable;

/**
 * One row of a bulk import as the person wrote it, before any checking: every field is text.
 *
 * @param line where the row is: the line of a CSV file (the header is line 1), or the position
 *     of the item in a JSON array (from 1)
 */
public record BulkRow(int line, @Nullable String cnpj, @Nullable String scheduledAt, @Nullable String priority,
        @Nullable String label, @Nullable String recurrence) {
}

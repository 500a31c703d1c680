package br.agendador.jobs;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** How many jobs a bulk import created, and each row it did not, with why. */
public record BulkResult(int created, List<Rejected> rejected) {

    public BulkResult {
        rejected = List.copyOf(rejected);
    }

    /** A row that was not stored: invalid, repeated in the upload, or already scheduled. */
    public record Rejected(int line, @Nullable String cnpj, String error) {
    }
}

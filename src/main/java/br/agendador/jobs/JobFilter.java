package br.agendador.jobs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which jobs a list shows; every part is optional and they all apply together.
 *
 * @param statuses any of these (empty: all)
 * @param cnpj the whole CNPJ or its beginning, any punctuation and case
 * @param from jobs scheduled at or after this instant
 * @param to jobs scheduled before this instant
 * @param text words in the label, or part of the CNPJ
 */
public record JobFilter(Set<JobStatus> statuses, @Nullable String cnpj, @Nullable Instant from, @Nullable Instant to,
        @Nullable String text) {

    public JobFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    public static JobFilter all() {
        return new JobFilter(Set.of(), null, null, null, null);
    }

    public JobFilter withStatuses(Set<JobStatus> newStatuses) {
        return new JobFilter(newStatuses, cnpj, from, to, text);
    }
}

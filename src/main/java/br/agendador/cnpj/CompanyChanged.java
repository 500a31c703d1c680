package br.agendador.cnpj;

import java.time.Instant;
import java.util.List;

/**
 * A lookup found a company different from its previous snapshot (status ATIVA to INAPTA, left the
 * Simples, moved, new partners...). Published when the job that found it finishes.
 */
public record CompanyChanged(long jobId, long userId, String cnpj, List<FieldChange> changes, Instant occurredAt) {

    public CompanyChanged {
        changes = List.copyOf(changes);
    }
}

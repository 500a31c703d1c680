package br.agendador.opendata;

import java.time.Instant;
import java.time.YearMonth;

/** The month of the dump lookups are answered from ({@code GET /api/v1/admin/open-data}). */
public record ServedData(long importId, YearMonth month, Instant importedAt, long companies, long establishments,
        long partners, long simples) {
}

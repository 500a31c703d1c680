/**
 * Looks companies up at six public CNPJ providers, in a configured order with fallback, under
 * cluster-wide rate limits and per-provider circuit breakers; keeps every snapshot and what changed
 * between them.
 */
@NullMarked
@ApplicationModule(displayName = "Lookup")
package br.agendador.lookup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

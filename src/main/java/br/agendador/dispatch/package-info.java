/**
 * Runs due jobs: claims them from the jobs table in priority order, fairly across users, exactly
 * once across processes; leases and heartbeats, retries with backoff, recovery of dead workers,
 * recurrence, graceful shutdown.
 */
@NullMarked
@ApplicationModule(displayName = "Dispatch")
package br.agendador.dispatch;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * The job: one CNPJ to look up at a time, its state machine, recurrence, and the API to
 * create, list, change, cancel and retry jobs.
 */
@NullMarked
@ApplicationModule(displayName = "Jobs")
package br.agendador.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

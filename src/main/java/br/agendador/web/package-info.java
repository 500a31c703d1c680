/**
 * The server-rendered web UI: Thymeleaf pages with htmx, in Portuguese (default) and English,
 * with dates in each user's time zone.
 */
@NullMarked
@ApplicationModule(displayName = "Web UI", allowedDependencies = {"users", "auth", "cnpj", "platform", "jobs", "lookup", "notifications", "opendata"})
package br.agendador.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

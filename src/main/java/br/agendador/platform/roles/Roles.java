package br.agendador.platform.roles;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this process does ({@code agendador.roles}): {@code api} serves the REST API and the web
 * UI, {@code worker} runs due jobs, {@code scheduler} does the time-driven work (recurrence,
 * lease recovery, daily digest). One process may have all three (the default) and many
 * processes may share one PostgreSQL.
 */
@ConfigurationProperties("agendador")
public record Roles(@DefaultValue({"api", "worker", "scheduler"}) Set<String> roles) {

    public static final String API = "api";
    public static final String WORKER = "worker";
    public static final String SCHEDULER = "scheduler";

    public Roles {
        roles = roles.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String role : roles) {
            if (!Set.of(API, WORKER, SCHEDULER).contains(role)) {
                throw new IllegalArgumentException("Unknown role '" + role + "' in agendador.roles; use api, worker, scheduler");
            }
        }
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}

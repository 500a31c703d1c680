package br.agendador.lookup;

import java.util.Objects;

import br.agendador.lookup.ProviderHealth.ProviderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Each rate-limited provider's remaining budget for the whole cluster (calls that could be made
 * right now), read when Prometheus scrapes. At zero, jobs wait for the provider's next minute;
 * calls and errors by provider are in {@code agendador.lookup.provider.calls}.
 */
@Component
class ProviderGauges {

    ProviderGauges(ProviderClients providers, ProviderHealth health, MeterRegistry registry) {
        for (ProviderClient provider : providers.ordered()) {
            if (!provider.settings().limited()) {
                continue;
            }
            String name = provider.name();
            Gauge.builder("agendador.lookup.provider.budget", () -> budget(health, name))
                    .description("Calls a provider could take right now within its cluster-wide rate limit")
                    .tag("provider", name).baseUnit("calls").register(registry);
        }
    }

    private static double budget(ProviderHealth health, String provider) {
        return health.providers().stream().filter(status -> status.name().equals(provider))
                .map(ProviderStatus::remainingBudget).filter(Objects::nonNull).findFirst().map(Integer::doubleValue)
                .orElse(Double.NaN);
    }
}

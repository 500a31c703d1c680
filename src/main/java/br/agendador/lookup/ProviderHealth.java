package br.agendador.lookup;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.lookup.ProviderState.Row;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * How each CNPJ provider is doing, for administrators (the API and the admin page): health,
 * circuit, the cluster's remaining rate budget and the latest troubles, in the order tried.
 */
@Service
public class ProviderHealth {

    private final ProviderClients providers;
    private final ProviderState state;
    private final Clock clock;

    ProviderHealth(ProviderClients providers, ProviderState state, Clock clock) {
        this.providers = providers;
        this.state = state;
        this.clock = clock;
    }

    public List<ProviderStatus> providers() {
        Instant now = clock.instant();
        Map<String, Row> rows = state.all();
        List<ProviderStatus> statuses = new ArrayList<>();
        int position = 1;
        for (ProviderClient provider : providers.ordered()) {
            ProviderSettings settings = provider.settings();
            Row row = rows.getOrDefault(provider.name(),
                    new Row(provider.name(), List.of(), null, null, null, null, null, null, null));
            statuses.add(new ProviderStatus(provider.name(), position++, settings.enabled(), settings.alphanumeric(),
                    settings.baseUrl(), health(settings, row, now), row.circuitState() == null ? "CLOSED" : row.circuitState(),
                    row.circuitChangedAt(), settings.limited() ? settings.rateLimit() : null,
                    settings.limited() ? ProviderState.remaining(row, settings.rateLimit(), now) : null,
                    row.pausedUntil() != null && row.pausedUntil().isAfter(now) ? row.pausedUntil() : null,
                    row.lastSuccessAt(), row.lastErrorAt(), row.lastError(), row.lastThrottledAt()));
        }
        return statuses;
    }

    private static Health health(ProviderSettings settings, Row row, Instant now) {
        if (!settings.enabled()) {
            return Health.DISABLED;
        }
        if (row.pausedUntil() != null && row.pausedUntil().isAfter(now)) {
            return Health.PAUSED;
        }
        if ("OPEN".equals(row.circuitState())) {
            return Health.DOWN;
        }
        if (row.lastErrorAt() != null && (row.lastSuccessAt() == null || row.lastErrorAt().isAfter(row.lastSuccessAt()))) {
            return Health.FAILING;
        }
        return row.lastSuccessAt() == null ? Health.UNKNOWN : Health.UP;
    }

    /**
     * UP: its latest call worked; FAILING: its latest call failed; DOWN: circuit open, skipped;
     * PAUSED: it throttled us and is left alone until {@code pausedUntil}; DISABLED; UNKNOWN: not called yet.
     */
    public enum Health {
        UP, FAILING, DOWN, PAUSED, DISABLED, UNKNOWN
    }

    /**
     * @param rateLimit requests per minute for the whole cluster; null when unlimited
     * @param remainingBudget calls that could be made right now without exceeding it; null when unlimited
     */
    public record ProviderStatus(String name, int position, boolean enabled, boolean alphanumeric, URI baseUrl, Health health,
            String circuit, @Nullable Instant circuitChangedAt, @Nullable Integer rateLimit, @Nullable Integer remainingBudget,
            @Nullable Instant pausedUntil, @Nullable Instant lastSuccessAt, @Nullable Instant lastErrorAt,
            @Nullable String lastError, @Nullable Instant lastThrottledAt) {
    }
}

package br.agendador.lookup;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.lookup.ProviderState.Row;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/providers")
@Tag(name = "Administration")
class ProvidersController {

    private final ProviderClients providers;
    private final ProviderState state;
    private final Clock clock;

    ProvidersController(ProviderClients providers, ProviderState state, Clock clock) {
        this.providers = providers;
        this.state = state;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Each CNPJ provider's health, circuit breaker, remaining rate budget and latest troubles",
            description = "In the order they are tried. Rate budget and pauses are shared by the whole cluster; the "
                    + "circuit is the latest state any process reported.")
    List<ProviderStatus> providers() {
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
    enum Health {
        UP, FAILING, DOWN, PAUSED, DISABLED, UNKNOWN
    }

    /**
     * @param rateLimit requests per minute for the whole cluster; null when unlimited
     * @param remainingBudget calls that could be made right now without exceeding it; null when unlimited
     */
    record ProviderStatus(String name, int position, boolean enabled, boolean alphanumeric, URI baseUrl, Health health,
            String circuit, @Nullable Instant circuitChangedAt, @Nullable Integer rateLimit, @Nullable Integer remainingBudget,
            @Nullable Instant pausedUntil, @Nullable Instant lastSuccessAt, @Nullable Instant lastErrorAt,
            @Nullable String lastError, @Nullable Instant lastThrottledAt) {
    }
}

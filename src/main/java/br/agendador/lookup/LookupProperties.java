package br.agendador.lookup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agendador.lookup.*}: which providers to ask and in what order, how long a snapshot is
 * reused, and each provider's address, rate limit and timeout. Defaults are in application.yml.
 *
 * @param providers the order providers are tried in
 * @param cacheTtl a snapshot fetched within this time is reused instead of asking again (0 = never)
 * @param userAgent sent with every request, naming the product and its version
 * @param notFoundConfirmations how many independent sources must say "no such company" before a
 *     lookup ends NOT_FOUND, when that many can be asked
 * @param throttlePause how long a provider that throttles us without a Retry-After is left alone
 */
@ConfigurationProperties("agendador.lookup")
record LookupProperties(
        List<String> providers,
        Duration cacheTtl,
        String userAgent,
        int notFoundConfirmations,
        Duration throttlePause,
        CircuitBreakerSettings circuitBreaker,
        ProviderSettings brasilapi,
        ProviderSettings minhareceita,
        ProviderSettings opencnpj,
        ProviderSettings cnpjws,
        ProviderSettings cnpja,
        ProviderSettings receitaws) {

    static final List<String> KNOWN = List.of("brasilapi", "minhareceita", "opencnpj", "cnpjws", "cnpja", "receitaws");

    LookupProperties {
        providers = providers.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("agendador.lookup.providers must name at least one provider");
        }
        for (String name : providers) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown provider '" + name + "' in agendador.lookup.providers; known: "
                        + String.join(", ", KNOWN));
            }
        }
        if (providers.size() != providers.stream().distinct().count()) {
            throw new IllegalArgumentException("agendador.lookup.providers names a provider twice: " + providers);
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("agendador.lookup.cache-ttl cannot be negative");
        }
        if (notFoundConfirmations < 1) {
            throw new IllegalArgumentException("agendador.lookup.not-found-confirmations must be at least 1");
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("agendador.lookup.user-agent must name the product and its version");
        }
    }

    /** The providers in the configured order, with their settings (disabled ones included). */
    Map<String, ProviderSettings> ordered() {
        Map<String, ProviderSettings> all = Map.of("brasilapi", brasilapi, "minhareceita", minhareceita,
                "opencnpj", opencnpj, "cnpjws", cnpjws, "cnpja", cnpja, "receitaws", receitaws);
        Map<String, ProviderSettings> ordered = new LinkedHashMap<>();
        providers.forEach(name -> ordered.put(name, all.get(name)));
        return ordered;
    }

    /**
     * Resilience4j settings shared by every provider's circuit breaker.
     *
     * @param failureRate percentage of failed calls in the window that opens the circuit
     * @param window how many recent calls are counted
     * @param minimumCalls calls needed before the failure rate counts
     * @param openFor how long an open circuit skips the provider before letting trial calls through
     * @param halfOpenCalls trial calls that decide whether the circuit closes again
     */
    record CircuitBreakerSettings(int failureRate, int window, int minimumCalls, Duration openFor, int halfOpenCalls) {
    }
}

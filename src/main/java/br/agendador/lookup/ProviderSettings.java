package br.agendador.lookup;

import java.net.URI;
import java.time.Duration;

/**
 * One provider's settings ({@code agendador.lookup.<provider>.*}).
 *
 * @param baseUrl everything before {@code /{cnpj}}
 * @param rateLimit requests per minute for the whole cluster; 0 means no limit (a mirror of your own)
 * @param timeout for connecting and for the answer
 * @param alphanumeric whether it takes the alphanumeric CNPJs issued since July 2026
 */
record ProviderSettings(URI baseUrl, int rateLimit, Duration timeout, boolean enabled, boolean alphanumeric) {

    ProviderSettings {
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rate-limit must be 0 (no limit) or more requests per minute, not " + rateLimit);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        String url = baseUrl.toString();
        if (url.endsWith("/")) {
            baseUrl = URI.create(url.substring(0, url.length() - 1));
        }
    }

    boolean limited() {
        return rateLimit > 0;
    }
}

package br.agendador.platform.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request-size limits of the API.
 *
 * @param maxRequestSize any API request body
 * @param maxBulkRequestSize bulk imports (10,000 CSV or JSON rows)
 */
@ConfigurationProperties("agendador.api")
public record ApiLimits(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("4MB") DataSize maxBulkRequestSize) {

    long maxBodyBytes(String path) {
        return path.endsWith("/bulk") ? maxBulkRequestSize.toBytes() : maxRequestSize.toBytes();
    }
}

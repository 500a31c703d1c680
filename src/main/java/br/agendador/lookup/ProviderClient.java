package br.agendador.lookup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.lookup.ProviderAnswer.Failed;
import br.agendador.lookup.ProviderAnswer.Found;
import br.agendador.lookup.ProviderAnswer.Throttled;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider over HTTP: asks it about a CNPJ and says what the answer means. What is common to
 * all providers lives here: timeouts, statuses, HTML where JSON was expected (a bot check or a rate
 * limit page), {@code Retry-After}, oversized or unreadable bodies, an answer about another CNPJ.
 * The body itself is read by the provider's {@link ProviderFormat}.
 */
final class ProviderClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);

    /** A company record is a few kB; anything this large is not one. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Connecting should be quick even when answering is slow. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A longer Retry-After is cut to this: one odd header must not silence a provider for days. */
    static final Duration MAX_PAUSE = Duration.ofHours(1);

    /** BigDecimal for every JSON number, so share capitals keep their exact cents. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ProviderFormat format;
    private final ProviderSettings settings;
    private final HttpClient httpClient;
    private final RestClient http;
    private final Clock clock;

    ProviderClient(ProviderFormat format, ProviderSettings settings, String userAgent, Clock clock,
            ObservationRegistry observations) {
        this.format = format;
        this.settings = settings;
        this.clock = clock;
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(settings.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? settings.timeout() : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // HTTPS providers negotiate HTTP/2 anyway; plain-http mirrors and proxies often choke on the h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(httpClient);
        requests.setReadTimeout(settings.timeout());
        requests.enableCompression(true);
        this.http = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(settings.baseUrl().toString())
                .defaultHeader(HttpHeaders.USER_AGENT, userAgent)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .observationRegistry(observations)
                .build();
    }

    String name() {
        return format.name();
    }

    ProviderFormat format() {
        return format;
    }

    ProviderSettings settings() {
        return settings;
    }

    ProviderAnswer fetch(Cnpj cnpj) {
        Instant asked = clock.instant();
        Reply reply;
        try {
            reply = http.get().uri("/{cnpj}", cnpj.value()).exchange((request, response) -> Reply.of(response));
        } catch (RestClientException e) {
            return new Failed(unreachable(e));
        }
        return interpret(reply, cnpj, asked);
    }

    private ProviderAnswer interpret(Reply reply, Cnpj cnpj, Instant asked) {
        if (reply.truncated()) {
            return new Failed("HTTP " + reply.status() + " with an answer larger than " + MAX_BODY_BYTES / 1024 / 1024 + " MB");
        }
        JsonFields body = reply.json();
        @Nullable Duration retryAfter = retryAfter(reply.retryAfter(), asked);
        return switch (reply.status()) {
            case 200 -> body != null ? read(body, cnpj, asked)
                    : reply.isHtml() ? new Throttled(retryAfter, "an HTML page instead of JSON (a bot check or a rate limit page)")
                    : new Failed("HTTP 200 with a body that is not a JSON object");
            case 404 -> body != null ? format.missing(body) : new Failed("HTTP 404 without a JSON body (is base-url right?)");
            case 400, 422 -> body != null ? format.refused(body) : new Failed("HTTP " + reply.status() + " without a JSON body");
            case 429 -> new Throttled(retryAfter, "HTTP 429" + detail(body));
            case 403 -> body == null ? new Throttled(retryAfter, "HTTP 403 with " + (reply.isHtml() ? "an HTML page" : "no JSON")
                    + " (a bot check or a rate limit)") : new Failed("HTTP 403" + detail(body));
            case 503 -> retryAfter != null ? new Throttled(retryAfter, "HTTP 503, unavailable for " + retryAfter.toSeconds() + " s")
                    : new Failed("HTTP 503" + detail(body));
            default -> new Failed("HTTP " + reply.status() + detail(body));
        };
    }

    private ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant asked) {
        ProviderAnswer answer;
        try {
            answer = format.read(body, cnpj, asked);
        } catch (RuntimeException e) {
            log.warn("{} answered {} with a body we cannot read", name(), cnpj, e);
            return new Failed("could not read its answer: " + e.getMessage());
        }
        if (answer instanceof Found(CompanySnapshot snapshot)) {
            if (!snapshot.cnpj().equals(cnpj.value())) {
                return new Failed("answered for CNPJ " + snapshot.cnpj() + " when asked for " + cnpj.value());
            }
            if (snapshot.legalName() == null) {
                return new Failed("answered without a legal name (razão social)");
            }
        }
        return answer;
    }

    /**
     * Seconds or an HTTP date; null when absent or unreadable (the caller then pauses for the
     * configured throttle-pause), never negative, at most {@link #MAX_PAUSE}.
     */
    static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? MAX_PAUSE : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : wait;
    }

    private String unreachable(RestClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return "no answer within " + settings.timeout().toMillis() + " ms";
            }
            if (cause instanceof ConnectException) {
                return "could not connect to " + settings.baseUrl().getHost();
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + settings.baseUrl().getHost();
            }
        }
        return "request failed: " + e.getMessage();
    }

    private static String detail(@Nullable JsonFields body) {
        return body == null ? "" : ": " + ProviderFormat.message(body, "no message");
    }

    @Override
    public void close() {
        httpClient.close();
    }

    /** The parts of an HTTP answer that matter, read before the connection is given back. */
    private record Reply(int status, @Nullable MediaType contentType, @Nullable String retryAfter, byte[] body,
            boolean truncated) {

        static Reply of(ClientHttpResponse response) throws IOException {
            byte[] body = response.getBody().readNBytes(MAX_BODY_BYTES + 1);
            HttpHeaders headers = response.getHeaders();
            return new Reply(response.getStatusCode().value(), headers.getContentType(), headers.getFirst(HttpHeaders.RETRY_AFTER),
                    body, body.length > MAX_BODY_BYTES);
        }

        /** The body when it is a JSON object, whatever Content-Type claims. */
        @Nullable JsonFields json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node != null && node.isObject() ? new JsonFields(node) : null;
            } catch (JacksonException notJson) {
                return null;
            }
        }

        boolean isHtml() {
            if (contentType != null && contentType.getSubtype().toLowerCase(Locale.ROOT).contains("html")) {
                return true;
            }
            String start = new String(body, 0, Math.min(body.length, 256), StandardCharsets.UTF_8).stripLeading();
            return start.startsWith("<");
        }
    }
}

package br.agendador.lookup;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import br.agendador.cnpj.Cnpj;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.lookup.LookupProperties.CircuitBreakerSettings;
import br.agendador.support.FakeProviders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lookup wired like the application's, over the shared test database and the fake providers,
 * with settings a test chooses. Several of them side by side behave like several processes: each
 * has its own HTTP clients, circuits and in-process coalescing; they share the database.
 */
final class TestLookup implements AutoCloseable {

    private final ProviderClients clients;
    private final ProviderCircuits circuits;
    private final CachingCompanyLookup lookup;

    TestLookup(Settings settings, ProviderState state, Snapshots snapshots, FetchLeases leases, Clock clock) {
        LookupProperties properties = settings.properties();
        this.clients = ProviderClients.of(properties, clock, ObservationRegistry.NOOP);
        this.circuits = new ProviderCircuits(properties, state, clock);
        this.lookup = new CachingCompanyLookup(new LocalLookup(null, new SimpleMeterRegistry(), clock),
                new ProviderFallback(clients.ordered(), state, circuits, properties, new SimpleMeterRegistry(), clock),
                snapshots, leases, properties, clock);
    }

    LookupOutcome lookup(Cnpj cnpj) {
        return lookup.lookup(cnpj);
    }

    ProviderCircuits circuits() {
        return circuits;
    }

    @Override
    public void close() {
        clients.close();
    }

    static Settings settings() {
        return new Settings();
    }

    /** Forgets every snapshot, provider budget, pause and fetch lease, and every fake answer. */
    static void forgetEverything(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM company_snapshots").update();
        jdbc.sql("DELETE FROM lookup_providers").update();
        jdbc.sql("DELETE FROM company_fetches").update();
        ProviderFakes.reset();
    }

    /** Starts from every provider on its fake, unlimited, with a 5 s timeout, in the default order. */
    static final class Settings {

        private List<String> order = new ArrayList<>(FakeProviders.NAMES);
        private final Map<String, ProviderSettings> providers = new HashMap<>();
        private Duration cacheTtl = Duration.ofHours(24);
        private int confirmations = 2;
        private Duration throttlePause = Duration.ofSeconds(60);
        private CircuitBreakerSettings circuit = new CircuitBreakerSettings(50, 4, 4, Duration.ofSeconds(30), 1);

        private Settings() {
            for (String name : FakeProviders.NAMES) {
                providers.put(name, new ProviderSettings(URI.create(FakeProviders.baseUrl(name)), 0, Duration.ofSeconds(5), true,
                        name.equals("minhareceita") || name.equals("opencnpj")));
            }
        }

        Settings only(String... names) {
            order = Arrays.asList(names);
            return this;
        }

        Settings provider(String name, UnaryOperator<ProviderSettings> change) {
            providers.put(name, change.apply(providers.get(name)));
            return this;
        }

        Settings rateLimit(String name, int perMinute) {
            return provider(name, s -> new ProviderSettings(s.baseUrl(), perMinute, s.timeout(), s.enabled(), s.alphanumeric()));
        }

        Settings timeout(String name, Duration timeout) {
            return provider(name, s -> new ProviderSettings(s.baseUrl(), s.rateLimit(), timeout, s.enabled(), s.alphanumeric()));
        }

        Settings disabled(String name) {
            return provider(name, s -> new ProviderSettings(s.baseUrl(), s.rateLimit(), s.timeout(), false, s.alphanumeric()));
        }

        Settings alphanumeric(String name, boolean accepts) {
            return provider(name, s -> new ProviderSettings(s.baseUrl(), s.rateLimit(), s.timeout(), s.enabled(), accepts));
        }

        Settings cacheTtl(Duration ttl) {
            cacheTtl = ttl;
            return this;
        }

        Settings notFoundConfirmations(int count) {
            confirmations = count;
            return this;
        }

        Settings circuit(CircuitBreakerSettings settings) {
            circuit = settings;
            return this;
        }

        LookupProperties properties() {
            return new LookupProperties(order, cacheTtl, "AgendadorCNPJ/test", confirmations, throttlePause, circuit,
                    providers.get("brasilapi"), providers.get("minhareceita"), providers.get("opencnpj"), providers.get("cnpjws"),
                    providers.get("cnpja"), providers.get("receitaws"));
        }
    }
}

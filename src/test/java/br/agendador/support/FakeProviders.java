package br.agendador.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One WireMock server for the whole test run, standing in for every CNPJ provider, each under its
 * own path prefix ({@code /brasilapi/{cnpj}}, {@code /minhareceita/{cnpj}}, ...). Integration test
 * contexts point every provider's base-url at it, with short timeouts, no rate limits (but the last
 * provider's real one, 3 a minute, so the admin view has a budget to show) and circuit breakers
 * that do not open (so one test's failing lookups cannot skip a provider in the next test).
 * A request nobody stubbed gets WireMock's plain-text 404, which the lookup treats as a provider
 * failure, never as "not found". Tests stub what they need and reset the server afterwards.
 */
public final class FakeProviders {

    public static final List<String> NAMES = List.of("brasilapi", "minhareceita", "opencnpj", "cnpjws", "cnpja", "receitaws");

    private static WireMockServer server;

    private FakeProviders() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                    .containerThreads(32).asynchronousResponseEnabled(true));
            server.start();
            WireMockServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "fake-providers-stop"));
        }
        return server;
    }

    /** Where the fake provider lives: its base-url. */
    public static String baseUrl(String provider) {
        return "http://127.0.0.1:" + server().port() + "/" + provider;
    }

    /** Points a Spring context's providers at the fakes. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues properties = TestPropertyValues.of(
                    "agendador.lookup.circuit-breaker.window=1000",
                    "agendador.lookup.circuit-breaker.minimum-calls=1000");
            for (String provider : NAMES) {
                properties = properties.and(
                        "agendador.lookup." + provider + ".base-url=" + baseUrl(provider),
                        "agendador.lookup." + provider + ".rate-limit=" + (provider.equals("receitaws") ? 3 : 0),
                        "agendador.lookup." + provider + ".timeout=2s");
            }
            properties.applyTo(context);
        }
    }
}

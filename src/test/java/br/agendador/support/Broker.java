package br.agendador.support;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest), reached by the app through a
 * {@link TcpProxy} that a test can cut to play "the broker is down" without stopping the broker
 * other test runs may share. Tests read what arrived with their own direct connection.
 */
public final class Broker {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;

    private static TcpProxy proxy;
    private static Boolean available;

    private Broker() {
    }

    public static synchronized boolean available() {
        if (available == null) {
            try (Connection ignored = connect()) {
                available = true;
            } catch (IOException | TimeoutException | RuntimeException e) {
                available = false;
            }
        }
        return available;
    }

    /** A direct connection to the broker, past the proxy. */
    public static Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(3_000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("agendador-tests");
    }

    public static synchronized TcpProxy proxy() {
        if (proxy == null) {
            proxy = new TcpProxy(HOST, PORT);
            SpringApplication.getShutdownHandlers().add(proxy::close);
        }
        return proxy;
    }

    /** Skips the test class, saying why, when no broker answers. */
    public static final class Required implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            Needed.orSkip(available(), "RabbitMQ is not answering on " + HOST + ":" + PORT
                    + " (guest/guest); skipping the broker tests. Start it with `rabbitmq-server -detached`.");
        }
    }

    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.rabbitmq.host=" + HOST,
                    "spring.rabbitmq.port=" + proxy().port(),
                    "spring.rabbitmq.username=guest",
                    "spring.rabbitmq.password=guest",
                    "spring.rabbitmq.connection-timeout=2s",
                    "agendador.events.confirm-timeout=3s",
                    "agendador.events.retry-interval=1s").applyTo(context);
        }
    }
}

package br.agendador.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link IntegrationTest}, with events published to the machine's RabbitMQ through
 * {@link Broker}'s proxy; skipped with a message when no broker answers. Its own Spring context,
 * shared by every class so annotated.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(Broker.Required.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "agendador.dispatch.autostart=false")
@ContextConfiguration(initializers = {TestDatabase.Initializer.class, FakeProviders.Initializer.class, Broker.Initializer.class})
@Import(IntegrationTestConfiguration.class)
@ExtendWith(ResetTestClock.class)
public @interface BrokerIntegrationTest {
}

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
 * The whole application on a random port over the shared test database, with a settable clock,
 * an HTTP client and the CNPJ providers faked ({@link FakeProviders}). Every class so annotated
 * shares one Spring context.
 *
 * <p>The dispatcher does not start by itself here, so no test finds its jobs claimed behind its
 * back; tests run due jobs on demand (see {@code br.agendador.dispatch.DispatchDriver}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"agendador.dispatch.autostart=false", "agendador.open-data.download-dir=target/test-open-data-downloads",
                "agendador.open-data.download-timeout=2s"})
@ContextConfiguration(initializers = {TestDatabase.Initializer.class, FakeProviders.Initializer.class})
@Import(IntegrationTestConfiguration.class)
@ExtendWith(ResetTestClock.class)
public @interface IntegrationTest {
}

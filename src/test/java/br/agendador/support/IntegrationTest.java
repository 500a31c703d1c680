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
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestDatabase.Initializer.class, FakeProviders.Initializer.class})
@Import(IntegrationTestConfiguration.class)
@ExtendWith(ResetTestClock.class)
public @interface IntegrationTest {
}

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
 * Like {@link IntegrationTest}, but with {@code spring.mail.host} pointing at the test JVM's
 * GreenMail server ({@link SmtpServer}), so mails really go out by SMTP. Every class so
 * annotated shares one Spring context (a second one besides {@link IntegrationTest}'s, whose
 * app runs without SMTP and keeps mails in the in-app mailbox).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "agendador.dispatch.autostart=false")
@ContextConfiguration(initializers = {TestDatabase.Initializer.class, FakeProviders.Initializer.class, SmtpServer.Initializer.class})
@Import(IntegrationTestConfiguration.class)
@ExtendWith(ResetTestClock.class)
public @interface SmtpIntegrationTest {
}

package br.agendador.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import br.agendador.platform.problem.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * For web slice tests ({@code @WebMvcTest}): the application's real security filter chains, so
 * tests see the real sign-in redirects and CSRF checks, with the password check ({@link Logins}),
 * the JWT decoder and the database (only remember-me would use it) mocked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({SecurityConfiguration.class, FormLoginProvider.class, ApiAuthenticationProblems.class, ProblemWriter.class,
        RememberMeLogins.class})
@EnableConfigurationProperties(AuthProperties.class)
@MockitoBean(types = {Logins.class, JwtDecoder.class, JdbcClient.class})
public @interface WebSecuritySlice {
}

package br.agendador.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import br.agendador.auth.WebSecuritySlice;
import br.agendador.platform.problem.ApiLimits;
import br.agendador.users.UserAccounts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A slice test of web pages: the given controllers with the layout, the real security chain
 * and {@link UserAccounts} mocked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@WebSecuritySlice
@Import({Viewers.class, TimeZoneChoices.class, WebPageFixtures.ClockForTests.class})
@MockitoBean(types = UserAccounts.class)
@EnableConfigurationProperties(ApiLimits.class)
@interface WebPageTest {

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}

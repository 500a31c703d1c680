package br.agendador.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import br.agendador.auth.WebSecuritySlice;
import br.agendador.platform.problem.ApiLimits;
import br.agendador.jobs.JobExports;
import br.agendador.jobs.Jobs;
import br.agendador.lookup.ProviderHealth;
import br.agendador.notifications.Mailbox;
import br.agendador.platform.deadletters.DeadLetters;
import br.agendador.users.UserAccounts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A slice test of web pages: every page controller with the layout, the real security chain
 * and {@link UserAccounts} mocked. One context for all such tests (the Spring test cache shares
 * it), so listing every controller costs less than a context per class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest({HomeController.class, SignInController.class, SignUpController.class, ProfilePageController.class,
        LanguageController.class, JobListController.class, JobFormController.class, JobPageController.class,
        CalendarController.class, BulkImportController.class, MailboxPageController.class, AdminPageController.class})
@WebSecuritySlice
@Import({Viewers.class, TimeZoneChoices.class, WebPageFixtures.ClockForTests.class, Dashboard.class})
@MockitoBean(types = UserAccounts.class)
@MockitoBean(types = {Jobs.class, JobExports.class, Mailbox.class, ProviderHealth.class, DeadLetters.class})
@EnableConfigurationProperties(ApiLimits.class)
@interface WebPageTest {
}

package br.agendador.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import br.agendador.auth.SessionUsers;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import br.agendador.users.JobMailChoice;
import br.agendador.users.Language;
import br.agendador.users.Role;
import br.agendador.users.UserAccount;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.ErrorResponseException;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Accounts and sign-ins for web slice tests. */
final class WebPageFixtures {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");

    private WebPageFixtures() {
    }

    static UserAccount ana() {
        return new UserAccount(7, "ana@example.com", "Ana Souza", Role.USER, ZoneId.of("America/Manaus"),
                Language.PT_BR, true, JobMailChoice.ALL, Instant.parse("2026-03-01T12:00:00Z"));
    }

    static UserAccount inEnglish(UserAccount account) {
        return new UserAccount(account.id(), account.email(), account.name(), account.role(), account.timeZone(),
                Language.EN, account.dailyDigest(), account.jobMails(), account.createdAt());
    }

    /** A request from the browser of someone signed in with the web form. */
    static RequestPostProcessor signedIn(UserAccount account) {
        return authentication(SessionUsers.signedIn(account));
    }

    static ErrorResponseException invalid(String field, br.agendador.platform.problem.ProblemCode code, Object... arguments) {
        return Problems.invalid("invalid", List.of(FieldProblem.of(field, code, arguments)));
    }

    /** A problem with a code no page knows yet: the pages fall back to the field's words, then the English. */
    static ErrorResponseException invalidWithNewCode(String field, String message) {
        return Problems.invalid("invalid", List.of(new FieldProblem(field, "test.brandNew", message, List.of())));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockForTests {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}

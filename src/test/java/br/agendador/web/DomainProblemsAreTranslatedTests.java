package br.agendador.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import br.agendador.support.IntegrationTest;
import br.agendador.users.NewAccount;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The users module gives each verdict a code; the pages say it in the viewer's language
 * ({@link FormProblems}). This feeds registration every kind of wrong account and fails when a
 * verdict reaches a form without its own words, instead of quietly showing English.
 */
@IntegrationTest
class DomainProblemsAreTranslatedTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    MessageSource messages;

    @Test
    void everyRegistrationProblemHasAPageMessageInBothLanguages() {
        String email = "maria.silva." + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String local = email.substring(0, email.indexOf('@'));
        List<NewAccount> wrong = List.of(
                account(" ", email, "Sup3r-Secret!"),
                account("x".repeat(101), email, "Sup3r-Secret!"),
                account("Maria", "not-an-email", "Sup3r-Secret!"),
                account("Maria", email, "short1"),
                account("Maria", email, "ç".repeat(40) + "1"),
                account("Maria", email, "onlyletterspassword"),
                account("Maria", email, "aaaaaaaaa1"),
                account("Maria", email, "senha12345"),
                account("Maria", email, local + "1234"),
                new NewAccount("Maria", email, "Sup3r-Secret!", "Mars/Base", null),
                new NewAccount("Maria", email, "Sup3r-Secret!", null, "fr"));

        List<FieldError> errors = new ArrayList<>();
        for (NewAccount account : wrong) {
            ErrorResponseException problem = catchThrowableOfType(ErrorResponseException.class,
                    () -> accounts.register(account));
            assertThat(problem).as("refused: %s", account.password()).isNotNull();
            BindingResult result = new BeanPropertyBindingResult(new SignUpForm(), "signUp");
            assertThat(FormProblems.addTo(result, problem, "email")).isTrue();
            errors.addAll(result.getFieldErrors());
        }
        assertThat(errors).extracting(FieldError::getField)
                .contains("name", "email", "password", "timeZone", "locale");
        errors.forEach(error -> PageLanguages.assertTranslated(messages, error));
    }

    private static NewAccount account(String name, String email, String password) {
        return new NewAccount(name, email, password, null, null);
    }
}

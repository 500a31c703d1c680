package br.agendador.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import br.agendador.jobs.JobChange;
import br.agendador.jobs.Jobs;
import br.agendador.jobs.NewJob;
import br.agendador.jobs.Recurrence;
import br.agendador.support.Api;
import br.agendador.support.IntegrationTest;
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
 * The jobs module gives each refusal a code; the job form shows it next to its field in the
 * viewer's language ({@link FormProblems}). This fails when a rule of scheduling or changing a job
 * reaches the form without its own words.
 */
@IntegrationTest
class JobProblemsAreTranslatedTests {

    private static final String CNPJ = "11222333000181";

    @Autowired
    Jobs jobs;

    @Autowired
    Api api;

    @Autowired
    Clock clock;

    @Autowired
    MessageSource messages;

    @Test
    void everySchedulingProblemHasAPageMessageInBothLanguages() {
        long user = api.newUser().userId();
        List<NewJob> wrong = List.of(
                new NewJob(CNPJ, clock.instant().minus(Duration.ofHours(1)), 3, null, Recurrence.NONE),
                new NewJob(CNPJ, null, 9, null, Recurrence.NONE),
                new NewJob(CNPJ, null, 3, "x".repeat(201), Recurrence.NONE),
                new NewJob(CNPJ, null, 3, "two\nlines", Recurrence.NONE),
                new NewJob("11222333000182", null, 3, null, Recurrence.NONE));
        List<FieldError> errors = new ArrayList<>();
        for (NewJob job : wrong) {
            errors.addAll(fieldErrors(catchThrowableOfType(ErrorResponseException.class, () -> jobs.create(user, job))));
        }
        long scheduled = jobs.create(user, new NewJob(CNPJ, null, 3, null, Recurrence.NONE)).id();
        errors.addAll(fieldErrors(catchThrowableOfType(ErrorResponseException.class, () -> jobs.update(user, scheduled,
                new JobChange(null, clock.instant().minus(Duration.ofDays(1)), 0, null, null)))));

        assertThat(errors).extracting(FieldError::getField).contains("scheduledAt", "priority", "label", "cnpj");
        errors.forEach(error -> PageLanguages.assertTranslated(messages, error));
    }

    private static List<FieldError> fieldErrors(ErrorResponseException problem) {
        assertThat(problem).isNotNull();
        BindingResult result = new BeanPropertyBindingResult(new JobForm(), JobFormController.FORM);
        assertThat(FormProblems.addTo(result, problem, "cnpj")).as(problem.getBody().getDetail()).isTrue();
        return result.getFieldErrors();
    }
}

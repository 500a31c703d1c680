package br.agendador.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;


import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;

/**
 * Shows the domain's verdict on a form next to the fields it names, in the viewer's language: each
 * problem carries a stable code, translated under {@code problem.<code>} with the problem's own
 * arguments (then {@code problem.<field>} for a code the page has no words for yet, then the
 * domain's English sentence). No English sentence is ever read to find out what it meant.
 */
final class FormProblems {

    private FormProblems() {
    }

    /**
     * Adds the exception's field problems to {@code result}; a 409 is put on {@code conflictField}.
     *
     * @return whether anything was added (otherwise the exception is not about the form)
     */
    static boolean addTo(BindingResult result, ErrorResponseException problem, String conflictField) {
        ProblemDetail body = problem.getBody();
        if (problem.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
            reject(result, conflictField, "problem." + Problems.code(body), Problems.arguments(body), body.getDetail());
            return true;
        }
        boolean added = false;
        Map<String, Object> properties = body.getProperties();
        Object errors = properties == null ? null : properties.get("errors");
        if (errors instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof FieldProblem error && hasField(result, error.field())) {
                    reject(result, error.field(), error.messageKey(), error.arguments(), error.message());
                    added = true;
                }
            }
        }
        return added;
    }

    /** The field the first problem of a 400 names, if it is a 400 that names one. */
    static Optional<String> refusedField(ErrorResponseException problem) {
        if (!problem.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
            return Optional.empty();
        }
        Map<String, Object> properties = problem.getBody().getProperties();
        Object errors = properties == null ? null : properties.get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof FieldProblem error) {
            return Optional.of(error.field());
        }
        return Optional.empty();
    }

    static void required(BindingResult result, String field) {
        result.addError(new FieldError(result.getObjectName(), field, result.getFieldValue(field), false,
                new String[] {"problem." + field + ".required", "problem.required"}, null, null));
    }

    private static void reject(BindingResult result, String field, String code, List<String> arguments,
            @Nullable String message) {
        result.addError(new FieldError(result.getObjectName(), field, result.getFieldValue(field), false,
                new String[] {code, "problem." + field}, arguments.toArray(), message));
    }

    private static boolean hasField(BindingResult result, String field) {
        try {
            return result.getFieldType(field) != null;
        } catch (RuntimeException notAField) {
            return false;
        }
    }
}

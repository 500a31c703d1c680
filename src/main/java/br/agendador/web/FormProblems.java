package br.agendador.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import br.agendador.platform.problem.Problems.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;

/**
 * Shows the domain's verdict on a form next to the fields it names. The domain speaks English
 * to API clients; here each {@code (field, message)} becomes the message code
 * {@code problem.<field>.<message as a slug>} (then {@code problem.<field>}), so the pages say it
 * in the viewer's language, and fall back to the domain's own words for anything new.
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
            reject(result, conflictField, "problem." + conflictField + ".taken", body.getDetail());
            return true;
        }
        boolean added = false;
        Map<String, Object> properties = body.getProperties();
        Object errors = properties == null ? null : properties.get("errors");
        if (errors instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof FieldProblem(String field, String message) && hasField(result, field)) {
                    reject(result, field, "problem." + field + "." + slug(message), message);
                    added = true;
                }
            }
        }
        return added;
    }

    static void required(BindingResult result, String field) {
        result.addError(new FieldError(result.getObjectName(), field, result.getFieldValue(field), false,
                new String[] {"problem." + field + ".required", "problem.required"}, null, null));
    }

    private static void reject(BindingResult result, String field, String code, String message) {
        result.addError(new FieldError(result.getObjectName(), field, result.getFieldValue(field), false,
                new String[] {code, "problem." + field}, null, message));
    }

    private static boolean hasField(BindingResult result, String field) {
        try {
            return result.getFieldType(field) != null;
        } catch (RuntimeException notAField) {
            return false;
        }
    }

    /** {@code "must have at least 10 characters"} → {@code must-have-at-least-10-characters} */
    static String slug(String message) {
        return message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

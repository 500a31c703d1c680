package br.agendador.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems the API answers with. Feature modules throw these (or their own
 * {@link ErrorResponseException}s) and the web layer renders them as problem+json.
 */
public final class Problems {

    public static final URI VALIDATION = URI.create("https://agendador.br/problems/validation");

    private Problems() {
    }

    public static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, detail);
    }

    public static ErrorResponseException conflict(String detail) {
        return of(HttpStatus.CONFLICT, detail);
    }

    public static ErrorResponseException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, detail);
    }

    /** 400 naming the offending fields, in the same shape as bean-validation failures. */
    public static ErrorResponseException invalid(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    public static ErrorResponseException invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public static ErrorResponseException of(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    public static ErrorResponseException of(HttpStatus status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }

    /** One invalid input: the field (JSON path or header/parameter name) and why. */
    public record FieldProblem(String field, String message) {
    }
}

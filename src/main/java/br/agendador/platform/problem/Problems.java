package br.agendador.platform.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems the API answers with. Feature modules throw these (or their own
 * {@link ErrorResponseException}s) and the web layer renders them as problem+json. Every problem
 * carries a stable {@code code} (and its {@code arguments}) besides its English {@code detail}, so
 * clients can act on it and the pages can say it in the viewer's language.
 */
public final class Problems {

    public static final URI VALIDATION = URI.create("https://agendador.br/problems/validation");

    private Problems() {
    }

    public static ErrorResponseException notFound(ProblemCode code, Object... arguments) {
        return of(HttpStatus.NOT_FOUND, code, arguments);
    }

    public static ErrorResponseException conflict(ProblemCode code, Object... arguments) {
        return of(HttpStatus.CONFLICT, code, arguments);
    }

    public static ErrorResponseException badRequest(ProblemCode code, Object... arguments) {
        return of(HttpStatus.BAD_REQUEST, code, arguments);
    }

    /** 400 naming the offending fields, in the same shape as bean-validation failures. */
    public static ErrorResponseException invalid(String detail, List<FieldProblem> errors) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, validation(detail, errors), null);
    }

    public static ErrorResponseException invalid(String field, ProblemCode code, Object... arguments) {
        FieldProblem problem = FieldProblem.of(field, code, arguments);
        return invalid(field + ": " + problem.message(), List.of(problem));
    }

    public static ErrorResponseException of(HttpStatus status, ProblemCode code, Object... arguments) {
        return new ErrorResponseException(status, detail(status, code, arguments), null);
    }

    /** A problem with the code's English sentence as its detail. */
    public static ProblemDetail detail(HttpStatus status, ProblemCode code, Object... arguments) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, code.message(arguments));
        problem.setProperty("code", code.code());
        problem.setProperty("arguments", texts(arguments));
        return problem;
    }

    /** 400 with {@code errors: [{field, code, message, arguments}]}. */
    static ProblemDetail validation(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("code", RequestProblem.INVALID.code());
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail validation(List<FieldProblem> errors) {
        String detail = errors.isEmpty() ? RequestProblem.INVALID.english()
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return validation(detail, errors);
    }

    /** The code a problem carries, when it carries one. */
    public static String code(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        Object code = properties == null ? null : properties.get("code");
        return code == null ? "" : code.toString();
    }

    /** The arguments a problem carries, as text. */
    public static List<String> arguments(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        Object arguments = properties == null ? null : properties.get("arguments");
        return arguments instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    static List<String> texts(Object... arguments) {
        return Arrays.stream(arguments).map(String::valueOf).toList();
    }

    /**
     * One invalid input: the field (JSON path or header/parameter name), the problem's code, its
     * English sentence and the arguments the sentence was made of.
     */
    public record FieldProblem(String field, String code, String message, List<String> arguments) {

        public FieldProblem {
            arguments = List.copyOf(arguments);
        }

        public static FieldProblem of(String field, ProblemCode code, Object... arguments) {
            return new FieldProblem(field, code.code(), code.message(arguments), texts(arguments));
        }

        public String messageKey() {
            return "problem." + code;
        }
    }
}

package br.agendador.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a REST controller into RFC 9457 problem+json with a detail a person can
 * act on. Bad input is always a 4xx naming the field; only our own bugs are 500s.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = fieldProblems(ex.getBindingResult());
        return problem(validation(errors), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    errors.add(new FieldProblem(name == null ? "parameter" : name, error.getDefaultMessage())));
        });
        return problem(validation(errors), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof RequestBodyTooLargeException tooLarge) {
            return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()),
                    headers, request);
        }
        return problem(unreadable(ex), headers, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        FieldProblem error = new FieldProblem(ex.getName(),
                "'" + ex.getValue() + "' is not a valid " + expected);
        return problem(validation(List.of(error)), new HttpHeaders(), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException ex, WebRequest request) {
        log.info("Request conflicted with stored data: {}", ex.getMostSpecificCause().getMessage());
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The request conflicts with data already stored"), new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (isAsyncRequestTimeout(ex)) {
            throw ex;
        }
        log.error("Unexpected error answering {}", request.getDescription(false), ex);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; it has been logged."), new HttpHeaders(), request);
    }

    private static boolean isAsyncRequestTimeout(Exception ex) {
        return ex.getClass().getName().endsWith("AsyncRequestTimeoutException");
    }

    private ResponseEntity<Object> problem(ProblemDetail body, HttpHeaders headers, WebRequest request) {
        return createResponseEntity(body, headers, HttpStatusCode.valueOf(body.getStatus()), request);
    }

    static ProblemDetail validation(List<FieldProblem> errors) {
        String detail = errors.isEmpty() ? "The request is invalid"
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(Problems.VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldProblem(e.getField(),
                e.getDefaultMessage() == null ? "is invalid" : e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldProblem(e.getObjectName(),
                e.getDefaultMessage() == null ? "is invalid" : e.getDefaultMessage())));
        return errors;
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        // Jackson wraps what a value's own parser threw (DateTimeParseException for a bad date):
        // the outermost Jackson exception is the one that knows the field.
        Throwable cause = outermostJacksonException(ex).orElse(ex.getMostSpecificCause());
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return validation(List.of(new FieldProblem(field, "is not a known field")));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return validation(List.of(new FieldProblem(path(invalid),
                    "'" + invalid.getValue() + "' is not a valid " + typeName(invalid.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return validation(List.of(new FieldProblem(path(mismatched),
                    "has the wrong type; expected " + typeName(mismatched.getTargetType()))));
        }
        if (cause instanceof StreamReadException malformed) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Malformed JSON: " + malformed.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return validation(List.of(new FieldProblem(path(jackson), jackson.getOriginalMessage())));
        }
        if (cause instanceof JacksonException jackson) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body could not be read: " + jackson.getOriginalMessage());
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or could not be read");
    }

    private static java.util.Optional<Throwable> outermostJacksonException(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String typeName(@Nullable Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "value (one of " + java.util.Arrays.toString(constants) + ")";
        }
        return switch (type.getSimpleName()) {
            case "Integer", "int", "Long", "long", "Short", "short" -> "integer";
            case "Boolean", "boolean" -> "boolean (true or false)";
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "date-time (ISO-8601 with offset, e.g. 2026-12-01T09:30:00-03:00)";
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "String" -> "text";
            default -> type.getSimpleName();
        };
    }
}

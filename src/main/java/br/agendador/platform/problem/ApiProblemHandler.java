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
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
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
        return problem(Problems.validation(errors), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(constraint(name == null ? "parameter" : name,
                    error.getCodes(), error.getDefaultMessage())));
        });
        return problem(Problems.validation(errors), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof RequestBodyTooLargeException tooLarge) {
            return problem(Problems.detail(HttpStatus.CONTENT_TOO_LARGE, RequestProblem.TOO_LARGE, tooLarge.getMessage()),
                    headers, request);
        }
        return problem(unreadable(ex), headers, request);
    }

    /**
     * The problems Spring MVC itself answers (unsupported media type, missing parameter, a
     * method not allowed...) get a code too: no client or page has to read their English.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        Object problem = body == null && ex instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
        if (problem instanceof ProblemDetail detail && Problems.code(detail).isEmpty()) {
            switch (ex) {
                case HttpMediaTypeNotSupportedException unsupported -> coded(detail, RequestProblem.UNSUPPORTED_MEDIA_TYPE,
                        String.valueOf(unsupported.getContentType()));
                case HttpMediaTypeNotAcceptableException ignored -> coded(detail, RequestProblem.NOT_ACCEPTABLE);
                case HttpRequestMethodNotSupportedException method -> coded(detail, RequestProblem.METHOD_NOT_ALLOWED,
                        request.getDescription(false).replaceFirst("^uri=", ""));
                case MissingServletRequestParameterException missing -> coded(detail, RequestProblem.MISSING_PARAMETER,
                        missing.getParameterName());
                case MissingRequestHeaderException missing -> coded(detail, RequestProblem.MISSING_HEADER,
                        missing.getHeaderName());
                default -> coded(detail, RequestProblem.OTHER, detail.getDetail() == null ? "" : detail.getDetail());
            }
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    /** Spring's own detail stays (it is often more precise); the code and arguments are added. */
    private static void coded(ProblemDetail problem, ProblemCode code, Object... arguments) {
        problem.setProperty("code", code.code());
        problem.setProperty("arguments", Problems.texts(arguments));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        FieldProblem error = FieldProblem.of(ex.getName(), RequestProblem.INVALID_VALUE, ex.getValue(), expected);
        return problem(Problems.validation(List.of(error)), new HttpHeaders(), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException ex, WebRequest request) {
        log.info("Request conflicted with stored data: {}", ex.getMostSpecificCause().getMessage());
        return problem(Problems.detail(HttpStatus.CONFLICT, RequestProblem.CONFLICT), new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (isAsyncRequestTimeout(ex)) {
            throw ex;
        }
        log.error("Unexpected error answering {}", request.getDescription(false), ex);
        return problem(Problems.detail(HttpStatus.INTERNAL_SERVER_ERROR, RequestProblem.UNEXPECTED), new HttpHeaders(), request);
    }

    private static boolean isAsyncRequestTimeout(Exception ex) {
        return ex.getClass().getName().endsWith("AsyncRequestTimeoutException");
    }

    private ResponseEntity<Object> problem(ProblemDetail body, HttpHeaders headers, WebRequest request) {
        return createResponseEntity(body, headers, HttpStatusCode.valueOf(body.getStatus()), request);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(constraint(e.getField(), e.getCodes(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(constraint(e.getObjectName(), e.getCodes(), e.getDefaultMessage())));
        return errors;
    }

    /**
     * A bean-validation failure: its code is {@code request.constraint.<annotation>} ({@code NotBlank},
     * {@code Size}...), the validator's own English message its sentence.
     */
    private static FieldProblem constraint(String field, String @Nullable [] codes, @Nullable String message) {
        String annotation = codes == null || codes.length == 0 ? "Invalid" : codes[codes.length - 1];
        String text = message == null ? "is invalid" : message;
        return new FieldProblem(field, RequestProblem.CONSTRAINT.code() + "." + annotation, text, List.of(text));
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        // Jackson wraps what a value's own parser threw (DateTimeParseException for a bad date):
        // the outermost Jackson exception is the one that knows the field.
        Throwable cause = outermostJacksonException(ex).orElse(ex.getMostSpecificCause());
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.validation(List.of(FieldProblem.of(path(unknown), RequestProblem.UNKNOWN_FIELD)));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return Problems.validation(List.of(FieldProblem.of(path(invalid), RequestProblem.INVALID_VALUE, invalid.getValue(),
                    typeName(invalid.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return Problems.validation(List.of(FieldProblem.of(path(mismatched), RequestProblem.WRONG_TYPE,
                    typeName(mismatched.getTargetType()))));
        }
        if (cause instanceof StreamReadException malformed) {
            return Problems.detail(HttpStatus.BAD_REQUEST, RequestProblem.MALFORMED_JSON, malformed.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return Problems.validation(List.of(FieldProblem.of(path(jackson), RequestProblem.UNREADABLE, jackson.getOriginalMessage())));
        }
        if (cause instanceof JacksonException jackson) {
            return Problems.detail(HttpStatus.BAD_REQUEST, RequestProblem.UNREADABLE, jackson.getOriginalMessage());
        }
        return Problems.detail(HttpStatus.BAD_REQUEST, RequestProblem.MISSING_BODY);
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

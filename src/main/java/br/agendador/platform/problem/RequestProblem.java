package br.agendador.platform.problem;

/** What can be wrong with a request whatever it is for: its shape, size, paging. */
public enum RequestProblem implements ProblemCode {

    INVALID("request.invalid", "The request is invalid"),
    UNKNOWN_FIELD("request.unknownField", "is not a known field"),
    WRONG_TYPE("request.wrongType", "has the wrong type; expected {0}"),
    INVALID_VALUE("request.invalidValue", "''{0}'' is not a valid {1}"),
    MALFORMED_JSON("request.malformedJson", "Malformed JSON: {0}"),
    UNREADABLE("request.unreadable", "The request body could not be read: {0}"),
    MISSING_BODY("request.missingBody", "The request body is missing or could not be read"),
    TOO_LARGE("request.tooLarge", "{0}"),
    /** A bean validation constraint ({@code @NotBlank}...) with its own default message. */
    CONSTRAINT("request.constraint", "{0}"),
    CONFLICT("request.conflict", "The request conflicts with data already stored"),
    PAGE_NEGATIVE("request.page.negative", "must be 0 or more, not {0}"),
    SIZE_RANGE("request.size.range", "must be between 1 and {0}, not {1}"),
    PAGE_TOO_FAR("request.page.tooFar", "is too far: only the first {0} are listed; narrow the list with filters instead"),
    NOT_ONE_OF("request.notOneOf", "''{0}'' is not one of {1}"),
    NO_SUCH_PATH("request.noSuchPath", "There is nothing at {0}"),
    UNSUPPORTED_MEDIA_TYPE("request.unsupportedMediaType", "The content type {0} is not supported here"),
    NOT_ACCEPTABLE("request.notAcceptable", "None of the accepted media types can be produced here"),
    MISSING_PARAMETER("request.missingParameter", "The parameter ''{0}'' is required"),
    MISSING_HEADER("request.missingHeader", "The header ''{0}'' is required"),
    METHOD_NOT_ALLOWED("request.methodNotAllowed", "This method is not allowed on {0}"),
    BODY_TOO_LARGE("request.bodyTooLarge", "The request body has {0} bytes; the limit here is {1} bytes"),
    BODY_TOO_LARGE_UNKNOWN("request.bodyTooLargeUnknown", "The request body is too large"),
    AUTHENTICATION_REQUIRED("request.authenticationRequired", "Authentication is required"),
    FORBIDDEN("request.forbidden", "You are not allowed to do this"),
    OTHER("request.other", "{0}"),
    UNEXPECTED("request.unexpected", "Something went wrong on our side; it has been logged.");

    private final String code;
    private final String english;

    RequestProblem(String code, String english) {
        this.code = code;
        this.english = english;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String english() {
        return english;
    }
}

package br.agendador.platform.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

/**
 * The servlet container's error page. Errors of {@code /api/**} (unknown paths, wrong methods,
 * failures before a controller runs) become problem+json; the rest keep Spring Boot's pages.
 */
@Controller
class ApiErrorController extends BasicErrorController {

    private final ProblemWriter writer;

    ApiErrorController(ErrorAttributes errorAttributes, WebProperties web,
            List<ErrorViewResolver> resolvers, ProblemWriter writer) {
        super(errorAttributes, web.getError(), resolvers);
        this.writer = writer;
    }

    @Override
    public @Nullable ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (ProblemWriter.isApi(originalPath(request))) {
            try {
                writer.write(request, response, problem(request));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (!ProblemWriter.isApi(originalPath(request))) {
            return super.error(request);
        }
        ProblemDetail problem = problem(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("code", Problems.code(problem));
        body.put("instance", String.valueOf(problem.getInstance()));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private ProblemDetail problem(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        String path = originalPath(request);
        ProblemDetail problem = switch (status) {
            case NOT_FOUND -> Problems.detail(status, RequestProblem.NO_SUCH_PATH, path);
            case METHOD_NOT_ALLOWED -> Problems.detail(status, RequestProblem.METHOD_NOT_ALLOWED, path);
            case CONTENT_TOO_LARGE -> Problems.detail(status, RequestProblem.BODY_TOO_LARGE_UNKNOWN);
            case UNAUTHORIZED -> Problems.detail(status, RequestProblem.AUTHENTICATION_REQUIRED);
            case FORBIDDEN -> Problems.detail(status, RequestProblem.FORBIDDEN);
            default -> status.is5xxServerError() ? Problems.detail(status, RequestProblem.UNEXPECTED)
                    : Problems.detail(status, RequestProblem.OTHER, status.getReasonPhrase());
        };
        problem.setInstance(URI.create(path));
        return problem;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri == null ? request.getRequestURI() : uri.toString();
    }
}

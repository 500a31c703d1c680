package br.agendador.auth;

import java.io.IOException;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 of the API as problem+json, saying what was wrong with the token. */
@Component
class ApiAuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter writer;

    ApiAuthenticationProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean badToken = failure instanceof OAuth2AuthenticationException;
        ProblemDetail problem = badToken
                ? Problems.detail(HttpStatus.UNAUTHORIZED, AuthProblem.ACCESS_TOKEN_INVALID, failure.getMessage())
                : Problems.detail(HttpStatus.UNAUTHORIZED, AuthProblem.AUTHENTICATION_REQUIRED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        writer.write(request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(request, response, Problems.detail(HttpStatus.FORBIDDEN, AuthProblem.FORBIDDEN));
    }
}

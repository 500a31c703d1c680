package br.agendador.auth;

import java.io.IOException;

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
        String detail = badToken
                ? "The access token is not valid: " + failure.getMessage()
                : "Authentication is required: send 'Authorization: Bearer <accessToken>' from POST /api/v1/auth/login";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        writer.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your account is not allowed to do this"));
    }
}

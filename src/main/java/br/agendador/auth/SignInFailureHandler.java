package br.agendador.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Back to the sign-in form, which then says whether the password was wrong or the e-mail throttled. */
final class SignInFailureHandler implements AuthenticationFailureHandler {

    private final RedirectStrategy redirects = new DefaultRedirectStrategy();
    private final String usernameParameter;

    SignInFailureHandler(String usernameParameter) {
        this.usernameParameter = usernameParameter;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String email = request.getParameter(usernameParameter);
        new SignInFailure(email == null ? "" : email.strip(),
                exception instanceof TooManyLoginAttemptsException tooMany ? tooMany.retryAfter() : null)
                .keep(request.getSession());
        redirects.sendRedirect(request, response, WebPaths.SIGN_IN + "?error");
    }
}

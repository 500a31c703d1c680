package br.agendador.auth;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What a browser sees when its session is gone. An htmx request must not get the sign-in page
 * swapped into a fragment, so it is told (HX-Redirect) to load the page it is on in full; that
 * request then goes the usual way: remembered, sent to sign in, and back afterwards. A form
 * posted after expiry fails its CSRF check (the token lived in the old session); that is not
 * an attack, so the person is sent to sign in again rather than shown "forbidden".
 */
final class SessionExpiry implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String HX_REQUEST = "HX-Request";
    private static final String HX_CURRENT_URL = "HX-Current-URL";
    private static final String HX_REDIRECT = "HX-Redirect";

    private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

    /** Only htmx requests reach this entry point; page requests use the form login's. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        reloadInFull(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, jakarta.servlet.ServletException {
        if (!(denied instanceof CsrfException) || signedIn()) {
            forbidden.handle(request, response, denied);
        } else if (request.getHeader(HX_REQUEST) != null) {
            reloadInFull(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + WebPaths.SIGN_IN + "?expired");
        }
    }

    private static void reloadInFull(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HX_REDIRECT, currentPage(request));
    }

    /** The page the browser shows, when it is one of ours; else the sign-in page. */
    static String currentPage(HttpServletRequest request) {
        String fallback = request.getContextPath() + WebPaths.SIGN_IN;
        String current = request.getHeader(HX_CURRENT_URL);
        if (current == null) {
            return fallback;
        }
        try {
            URI uri = URI.create(current);
            boolean sameHost = uri.getHost() == null || uri.getHost().equalsIgnoreCase(request.getServerName());
            String path = uri.getRawPath();
            if (!sameHost || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return fallback;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException malformed) {
            return fallback;
        }
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}

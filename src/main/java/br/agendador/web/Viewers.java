package br.agendador.web;

import java.util.Optional;

import br.agendador.platform.security.UserPrincipal;
import br.agendador.users.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is looking at the page. Read from the accounts (not from the session) so a language or
 * time zone changed anywhere, API included, shows on the next page; at most once per request.
 */
@Component
class Viewers {

    private static final String ATTRIBUTE = Viewers.class.getName();

    private final UserAccounts accounts;

    Viewers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    Optional<Viewer> current(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof LookedUp cached) {
            return cached.viewer();
        }
        Optional<Viewer> viewer = lookUp();
        request.setAttribute(ATTRIBUTE, new LookedUp(viewer));
        return viewer;
    }

    /** Forgets the cached viewer, after a change to the account within this request. */
    void refresh(HttpServletRequest request) {
        request.removeAttribute(ATTRIBUTE);
    }

    private Optional<Viewer> lookUp() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof UserPrincipal principal)) {
            return Optional.empty();
        }
        return accounts.find(principal.user().id()).map(Viewer::of);
    }

    /** The answer for this request, anonymous included, so it is not asked twice. */
    private record LookedUp(Optional<Viewer> viewer) {
    }
}

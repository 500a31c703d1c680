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
    private static final Object ANONYMOUS = new Object();

    private final UserAccounts accounts;

    Viewers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    Optional<Viewer> current(HttpServletRequest request) {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached == null) {
            cached = lookUp().<Object>map(v -> v).orElse(ANONYMOUS);
            request.setAttribute(ATTRIBUTE, cached);
        }
        return cached instanceof Viewer viewer ? Optional.of(viewer) : Optional.empty();
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
}

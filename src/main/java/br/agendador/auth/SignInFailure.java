package br.agendador.auth;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * Why the last sign-in on this browser failed, kept in the session for the one page that shows
 * it: the e-mail that was typed and, when the e-mail is throttled, how long to wait.
 */
public record SignInFailure(String email, @Nullable Duration retryAfter) implements java.io.Serializable {

    private static final String ATTRIBUTE = SignInFailure.class.getName();

    public boolean throttled() {
        return retryAfter != null;
    }

    /** Whole minutes to wait, rounded up, at least one. */
    public long retryAfterMinutes() {
        return retryAfter == null ? 0 : Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    }

    /** The failure recorded for this session, removed so a reload shows a clean form. */
    public static Optional<SignInFailure> take(@Nullable HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Object failure = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return failure instanceof SignInFailure f ? Optional.of(f) : Optional.empty();
    }

    void keep(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }
}

package br.agendador.auth;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Login refused without checking the password, because of recent failures. */
public class TooManyLoginAttemptsException extends AuthenticationException {

    private final Duration retryAfter;

    TooManyLoginAttemptsException(Duration retryAfter) {
        super("Too many failed logins for this e-mail; try again in " + minutes(retryAfter));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    private static String minutes(Duration wait) {
        long minutes = (wait.toSeconds() + 59) / 60;
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }
}

package br.agendador.auth;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Login refused without checking the password, because of recent failures. */
public class TooManyLoginAttemptsException extends AuthenticationException {

    private final Duration retryAfter;

    TooManyLoginAttemptsException(Duration retryAfter) {
        super(AuthProblem.THROTTLED.message(minutes(retryAfter)));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    /** The wait in whole minutes, rounded up (at least one): the argument of {@link AuthProblem#THROTTLED}. */
    public long minutes() {
        return minutes(retryAfter);
    }

    private static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }
}

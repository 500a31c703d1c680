package br.agendador.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code loginMaxFailures} failed logins for one e-mail
 * within {@code loginFailureWindow}, further attempts are refused until the oldest of those
 * failures leaves the window. Kept in the database so every API process counts together.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long this e-mail must wait before trying again, or empty when it may try now. */
    Optional<Duration> waitBeforeNextAttempt(String email) {
        Instant now = clock.instant();
        Duration window = properties.loginFailureWindow();
        return jdbc.sql("""
                        SELECT failed_at FROM login_failures
                        WHERE email = ? AND failed_at > ?
                        ORDER BY failed_at DESC OFFSET ? LIMIT 1""")
                .params(email, Timestamp.from(now.minus(window)), properties.loginMaxFailures() - 1)
                .query(Timestamp.class).optional()
                .map(oldestCounted -> Duration.between(now, oldestCounted.toInstant().plus(window)))
                .filter(wait -> !wait.isNegative() && !wait.isZero());
    }

    void recordFailure(String email) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM login_failures WHERE email = ? AND failed_at <= ?")
                .params(email, Timestamp.from(now.minus(properties.loginFailureWindow()))).update();
        jdbc.sql("INSERT INTO login_failures (email, failed_at) VALUES (?, ?)").params(email, Timestamp.from(now)).update();
    }

    void recordSuccess(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = ?").param(email).update();
    }
}

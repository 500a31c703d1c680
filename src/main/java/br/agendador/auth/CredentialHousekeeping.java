package br.agendador.auth;

import java.sql.Timestamp;
import java.time.Clock;

import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops refresh tokens and login failures nobody can use any more, so the tables stay small. */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class CredentialHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(CredentialHousekeeping.class);

    private final RefreshTokens refreshTokens;
    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    CredentialHousekeeping(RefreshTokens refreshTokens, JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void purge() {
        try {
            int tokens = refreshTokens.purgeExpired();
            int failures = jdbc.sql("DELETE FROM login_failures WHERE failed_at < ?")
                    .param(Timestamp.from(clock.instant().minus(properties.loginFailureWindow()))).update();
            if (tokens + failures > 0) {
                log.info("Purged {} expired refresh tokens and {} old login failures", tokens, failures);
            }
        } catch (RuntimeException e) {
            log.warn("Credential housekeeping failed; will try again in an hour", e);
        }
    }
}

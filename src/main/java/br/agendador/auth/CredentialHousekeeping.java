package br.agendador.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Drops refresh tokens and login failures nobody can use any more, so the tables stay small. */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class CredentialHousekeeping extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(CredentialHousekeeping.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final RefreshTokens refreshTokens;
    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    CredentialHousekeeping(RefreshTokens refreshTokens, JdbcClient jdbc, AuthProperties properties, Clock clock,
            BackgroundWork work) {
        super("credential-housekeeping", work, BackgroundWork.Options.defaults().startingAfter(Duration.ofMinutes(5))
                .afterFailure(Duration.ofMinutes(1), EVERY).exclusiveInCluster(EVERY));
        this.refreshTokens = refreshTokens;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Duration runOnce() {
        purge();
        return EVERY;
    }

    void purge() {
        int tokens = refreshTokens.purgeExpired();
        int failures = jdbc.sql("DELETE FROM login_failures WHERE failed_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.loginFailureWindow()))).update();
        if (tokens + failures > 0) {
            log.info("Purged {} expired refresh tokens and {} old login failures", tokens, failures);
        }
    }
}

package br.agendador.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwtSecret HS256 signing secret (at least 32 bytes); generated once and kept in the
 *     database, shared by every process, when absent
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token
 * @param loginMaxFailures failed logins for one e-mail that trigger throttling...
 * @param loginFailureWindow ...within this window
 * @param rememberMeTtl how long a browser that ticked "keep me signed in" stays signed in unused
 */
@ConfigurationProperties("agendador.security")
record AuthProperties(
        @Nullable String jwtSecret,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5") int loginMaxFailures,
        @DefaultValue("15m") Duration loginFailureWindow,
        @DefaultValue("14d") Duration rememberMeTtl) {

    static final String ISSUER = "agendador-cnpj";
}

package br.agendador.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.rememberme.AbstractRememberMeServices;
import org.springframework.security.web.authentication.rememberme.CookieTheftException;
import org.springframework.security.web.authentication.rememberme.InvalidCookieException;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationException;
import org.springframework.stereotype.Component;

/**
 * "Keep me signed in": the browser gets a cookie with a series (which browser) and a token
 * (which use), the database only the token's hash. Each use replaces the token, so when a copy
 * of the cookie is used after the original (or the other way round) the series shows a stale
 * token: that is a stolen cookie, and every remembered browser of that user is signed out.
 */
@Component
class RememberMeLogins extends AbstractRememberMeServices {

    /** The sign-in form's checkbox. */
    static final String PARAMETER = "remember-me";
    private static final Logger log = LoggerFactory.getLogger(RememberMeLogins.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a just-replaced token still works, for requests that were already on their way. */
    private static final Duration RACE_ALLOWANCE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final Clock clock;
    private final AuthProperties properties;

    RememberMeLogins(JdbcClient jdbc, UserAccounts accounts, Clock clock, AuthProperties properties) {
        // The key only proves, inside this process, that a remember-me authentication came from
        // here; the cookie's secret is the random token, so a per-process key is enough.
        super(UUID.randomUUID().toString(), email -> accounts.findByEmail(email).map(SessionUser::of)
                .orElseThrow(() -> new UsernameNotFoundException("No account for " + email)));
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
        this.properties = properties;
        setParameter(PARAMETER);
        setTokenValiditySeconds((int) properties.rememberMeTtl().toSeconds());
    }

    @Override
    protected void onLoginSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof SessionUser user)) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM remember_me_tokens WHERE user_id = ? AND expires_at <= ?")
                .params(user.user().id(), Timestamp.from(now)).update();
        String series = random();
        String token = random();
        jdbc.sql("""
                        INSERT INTO remember_me_tokens (series, user_id, token_hash, last_used, expires_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(series, user.user().id(), hash(token), Timestamp.from(now),
                        Timestamp.from(now.plus(properties.rememberMeTtl())))
                .update();
        setCookie(new String[] {series, token}, getTokenValiditySeconds(), request, response);
    }

    @Override
    protected UserDetails processAutoLoginCookie(String[] cookie, HttpServletRequest request,
            HttpServletResponse response) {
        if (cookie.length != 2) {
            throw new InvalidCookieException("A remember-me cookie has a series and a token");
        }
        String series = cookie[0];
        byte[] presented = hash(cookie[1]);
        Instant now = clock.instant();
        Stored stored = find(series);
        if (!stored.expiresAt().isAfter(now)) {
            forget(series);
            throw new RememberMeAuthenticationException("This browser was remembered too long ago");
        }
        UserAccount account = accounts.find(stored.userId())
                .orElseThrow(() -> new RememberMeAuthenticationException("The account no longer exists"));
        String token = random();
        // Replaces the token only if it is still the one presented: of two requests racing with
        // the same cookie, one rotates it and the other finds it among the just-replaced.
        int rotated = jdbc.sql("""
                        UPDATE remember_me_tokens
                        SET previous_hash = token_hash, token_hash = ?, last_used = ?, expires_at = ?
                        WHERE series = ? AND token_hash = ?""")
                .params(hash(token), Timestamp.from(now), Timestamp.from(now.plus(properties.rememberMeTtl())),
                        series, presented)
                .update();
        if (rotated == 1) {
            setCookie(new String[] {series, token}, getTokenValiditySeconds(), request, response);
            return SessionUser.of(account);
        }
        Stored current = find(series);
        boolean justReplaced = current.previousHash() != null && MessageDigest.isEqual(current.previousHash(), presented)
                && current.lastUsed().plus(RACE_ALLOWANCE).isAfter(now);
        if (!justReplaced) {
            jdbc.sql("DELETE FROM remember_me_tokens WHERE user_id = ?").param(stored.userId()).update();
            throw new CookieTheftException("A remember-me cookie was used after it had been replaced;"
                    + " every remembered browser of this user is signed out");
        }
        return SessionUser.of(account);
    }

    private Stored find(String series) {
        return jdbc.sql("SELECT user_id, previous_hash, last_used, expires_at FROM remember_me_tokens WHERE series = ?")
                .param(series)
                .query((rs, row) -> new Stored(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .optional()
                .orElseThrow(() -> new RememberMeAuthenticationException("This browser is no longer remembered"));
    }

    /**
     * A stolen cookie ends as a plain signed-out request (then the sign-in page), not as the
     * error Spring lets it become: the filter that asks runs before any error handling.
     */
    @Override
    public @Nullable Authentication autoLogin(HttpServletRequest request, HttpServletResponse response) {
        try {
            return super.autoLogin(request, response);
        } catch (CookieTheftException theft) {
            log.warn("Remember-me cookie theft suspected; remembered browsers of that user signed out: {}",
                    theft.getMessage());
            cancelCookie(request, response);
            return null;
        }
    }

    /** Signing out forgets this browser (and only this one). */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response,
            @Nullable Authentication authentication) {
        String cookie = extractRememberMeCookie(request);
        if (cookie != null && !cookie.isEmpty()) {
            try {
                forget(decodeCookie(cookie)[0]);
            } catch (InvalidCookieException ignored) {
                // nothing stored for a cookie we cannot read
            }
        }
        super.logout(request, response, authentication);
    }

    private void forget(String series) {
        jdbc.sql("DELETE FROM remember_me_tokens WHERE series = ?").param(series).update();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Stored(long userId, byte @Nullable [] previousHash, Instant lastUsed, Instant expiresAt) {
    }
}

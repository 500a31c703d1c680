package br.agendador.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, kept only as hashes. Each is spent by its first use; the token that
 * replaces it belongs to the same family. A spent token presented again means two parties hold
 * the family (one of them a thief), so the whole family is revoked.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a new family (a login). */
    @Transactional
    String issue(long userId) {
        return insert(userId, UUID.randomUUID(), clock.instant());
    }

    /**
     * Spends the token and returns its successor with the user it belongs to, or empty when the
     * token is unknown, expired, revoked or already spent (the last also revokes the family).
     */
    @Transactional
    Optional<Rotation> rotate(String token) {
        Instant now = clock.instant();
        Optional<Stored> found = jdbc.sql("""
                        SELECT id, user_id, family_id, expires_at, spent_at, revoked_at
                        FROM refresh_tokens WHERE token_hash = ? FOR UPDATE""")
                .param(hash(token))
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getLong("user_id"),
                        rs.getObject("family_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("spent_at") != null, rs.getTimestamp("revoked_at") != null))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = found.get();
        if (stored.revoked() || !stored.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        if (stored.spent()) {
            log.warn("Refresh token of user {} was used twice; revoking its family {}", stored.userId(), stored.familyId());
            revokeFamily(stored.familyId(), now);
            return Optional.empty();
        }
        jdbc.sql("UPDATE refresh_tokens SET spent_at = ? WHERE id = ?").params(Timestamp.from(now), stored.id()).update();
        return Optional.of(new Rotation(stored.userId(), insert(stored.userId(), stored.familyId(), now)));
    }

    /** Ends the login the token belongs to; unknown tokens are ignored. */
    @Transactional
    void revoke(String token) {
        jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ?").param(hash(token))
                .query(UUID.class).optional()
                .ifPresent(family -> revokeFamily(family, clock.instant()));
    }

    private void revokeFamily(UUID family, Instant now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), family).update();
    }

    private String insert(long userId, UUID family, Instant now) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("""
                        INSERT INTO refresh_tokens (user_id, family_id, token_hash, issued_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(userId, family, hash(token), Timestamp.from(now),
                        Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return token;
    }

    /** Removes tokens that can no longer be used by anyone. */
    @Transactional
    int purgeExpired() {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Rotation(long userId, String refreshToken) {
    }

    private record Stored(long id, long userId, UUID familyId, Instant expiresAt, boolean spent, boolean revoked) {
    }
}

package br.agendador.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code Idempotency-Key}s of job creations, kept for {@link #LIFETIME}. */
@Repository
class IdempotencyKeys {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final int MAX_KEY_LENGTH = 255;
    /** Expired keys removed per creation: bounded work, and still far more than are added. */
    private static final int CLEANUP_BATCH = 100;

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The live key of this user, if any. */
    Optional<StoredKey> find(long userId, String key, Instant now) {
        return jdbc.sql("""
                        SELECT request_hash, job_id FROM job_idempotency_keys
                         WHERE user_id = ? AND key = ? AND created_at > ?""")
                .params(userId, key, Timestamp.from(now.minus(LIFETIME)))
                .query((rs, n) -> new StoredKey(rs.getBytes("request_hash"), rs.getLong("job_id")))
                .optional();
    }

    /**
     * Records the key for the job; false when another request recorded it first (the insert
     * waits for that request's transaction, so a concurrent twin is seen, not missed).
     */
    boolean record(long userId, String key, byte[] requestHash, long jobId, Instant now) {
        Timestamp expired = Timestamp.from(now.minus(LIFETIME));
        jdbc.sql("DELETE FROM job_idempotency_keys WHERE user_id = ? AND key = ? AND created_at <= ?")
                .params(userId, key, expired).update();
        jdbc.sql("""
                        DELETE FROM job_idempotency_keys WHERE (user_id, key) IN (
                            SELECT user_id, key FROM job_idempotency_keys WHERE created_at <= ?
                             LIMIT ? FOR UPDATE SKIP LOCKED)""")
                .params(expired, CLEANUP_BATCH).update();
        return jdbc.sql("""
                        INSERT INTO job_idempotency_keys (user_id, key, request_hash, job_id, created_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING""")
                .params(userId, key, requestHash, jobId, Timestamp.from(now))
                .update() == 1;
    }

    /** A fingerprint of the request as sent, so that a retry matches and another request does not. */
    static byte[] fingerprint(NewJob request) {
        String canonical = String.join("\u001f", text(cnpj(request.cnpj())), text(request.scheduledAt()),
                text(request.priority()), text(request.label()), text(request.recurrence()));
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** "11.222.333/0001-81" and "11222333000181" are the same request. */
    private static @Nullable String cnpj(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String characters = JobListQuery.cnpjCharacters(text);
        return characters.isEmpty() ? text : characters;
    }

    private static String text(@Nullable Object value) {
        return value == null ? "\u0000" : value.toString();
    }

    record StoredKey(byte[] requestHash, long jobId) {

        boolean matches(byte[] hash) {
            return Arrays.equals(requestHash, hash);
        }
    }
}

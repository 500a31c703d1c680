package br.agendador.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The HS256 key for access tokens. From {@code agendador.security.jwt-secret} when set; otherwise
 * generated on the first start and stored in the database, so every API process of a cluster
 * signs and verifies with the same key and tokens survive restarts.
 */
@Component
@DependsOnDatabaseInitialization
class SigningKey {

    private static final int MIN_BYTES = 32;
    private static final String NAME = "jwt-secret";

    private final SecretKey key;

    SigningKey(AuthProperties properties, JdbcClient jdbc, Clock clock) {
        byte[] secret = properties.jwtSecret() != null && !properties.jwtSecret().isBlank()
                ? properties.jwtSecret().getBytes(StandardCharsets.UTF_8)
                : Base64.getUrlDecoder().decode(storedOrGenerated(jdbc, clock));
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("agendador.security.jwt-secret must have at least " + MIN_BYTES
                    + " bytes (it has " + secret.length + "); leave it unset to have one generated");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    SecretKey key() {
        return key;
    }

    private static String storedOrGenerated(JdbcClient jdbc, Clock clock) {
        byte[] random = new byte[64];
        new SecureRandom().nextBytes(random);
        jdbc.sql("INSERT INTO app_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")
                .params(NAME, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("SELECT value FROM app_secrets WHERE name = ?").param(NAME).query(String.class).single();
    }
}

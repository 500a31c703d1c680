package br.agendador.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuthApiTests {

    @Autowired
    Api api;

    @Autowired
    TestClock clock;

    @Autowired
    SigningKey signingKey;

    @Test
    void registersWithANormalisedEmailAndRefusesItTwice() {
        String email = unique();
        Response created = api.post("/api/v1/auth/register",
                Map.of("name", " Ana Souza ", "email", "  " + email.toUpperCase() + " ", "password", Api.PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/api/v1/users/me");
        assertThat(created.json().get("email").asString()).isEqualTo(email);
        assertThat(created.json().get("name").asString()).isEqualTo("Ana Souza");
        assertThat(created.json().get("role").asString()).isEqualTo("USER");
        assertThat(created.json().get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
        assertThat(created.json().get("locale").asString()).isEqualTo("pt-BR");
        assertThat(created.json().has("passwordHash")).isFalse();

        Response again = api.post("/api/v1/auth/register", Map.of("name", "Ana", "email", email, "password", Api.PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().get("detail").asString()).contains(email);
    }

    @Test
    void refusesInvalidRegistrationsNamingTheFields() {
        Response weak = api.post("/api/v1/auth/register", Map.of("name", "", "email", "not-an-email", "password", "short1"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.isProblem()).isTrue();
        assertThat(weak.json().get("errors").findValuesAsString("field")).contains("name");

        Response badEmail = api.post("/api/v1/auth/register", Map.of("name", "Ana", "email", "ana@", "password", Api.PASSWORD));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("errors").findValuesAsString("field")).containsExactly("email");

        for (String password : List.of("onlyletterslong", "1234567890", "aaaaaaaaa1", "Senha12345".repeat(8))) {
            Response refused = api.post("/api/v1/auth/register", Map.of("name", "Ana", "email", unique(), "password", password));
            assertThat(refused.status()).as(password).isEqualTo(400);
            assertThat(refused.json().get("errors").findValuesAsString("field")).as(password).containsExactly("password");
        }

        Response zone = api.post("/api/v1/auth/register",
                Map.of("name", "Ana", "email", unique(), "password", Api.PASSWORD, "timeZone", "Mars/Olympus"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().get("errors").findValuesAsString("field")).containsExactly("timeZone");
    }

    @Test
    void logsInWithTheRightPasswordOnly() {
        Session user = api.newUser();
        Response login = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(900);

        Response wrong = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", "Wr0ng-Passw0rd!"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.isProblem()).isTrue();

        Response unknown = api.post("/api/v1/auth/login", Map.of("email", unique(), "password", Api.PASSWORD));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asString()).isEqualTo(wrong.json().get("detail").asString());
    }

    @Test
    void throttlesAnEmailAfterFiveFailuresWithinFifteenMinutes() {
        Session user = api.newUser();
        clock.set(Instant.parse("2026-11-25T12:00:00Z"));
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", "Wr0ng-" + i)).status())
                    .isEqualTo(401);
            clock.advance(Duration.ofSeconds(10));
        }
        Response throttled = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.isProblem()).isTrue();
        // The first failure was at 12:00:00 and it is now 12:00:50: it leaves the window at 12:15:00.
        assertThat(throttled.header("Retry-After")).contains("850");

        Response otherCase = api.post("/api/v1/auth/login", Map.of("email", user.email().toUpperCase(), "password", Api.PASSWORD));
        assertThat(otherCase.status()).isEqualTo(429);

        clock.set(Instant.parse("2026-11-25T12:15:01Z"));
        assertThat(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void rotatesRefreshTokens() {
        Session user = api.newUser();
        Response refreshed = api.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        String next = refreshed.json().get("refreshToken").asString();
        assertThat(next).isNotEqualTo(user.refreshToken());
        String access = refreshed.json().get("accessToken").asString();
        assertThat(api.get("/api/v1/users/me", access).status()).isEqualTo(200);

        Response again = api.post("/api/v1/auth/refresh", Map.of("refreshToken", next));
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenRevokesItsWholeFamily() {
        Session user = api.newUser();
        String successor = api.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                .json().get("refreshToken").asString();

        Response reuse = api.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.isProblem()).isTrue();

        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", successor)).status()).isEqualTo(401);

        // Other logins of the same user are other families and keep working.
        Session otherLogin = api.login(user.email(), Api.PASSWORD);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", otherLogin.refreshToken())).status())
                .isEqualTo(200);
    }

    @Test
    void refreshTokensExpireAndLogoutRevokesThem() {
        Session user = api.newUser();
        assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(401);

        Session later = api.login(user.email(), Api.PASSWORD);
        clock.advance(Duration.ofDays(31));
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", later.refreshToken())).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", "made-up")).status()).isEqualTo(401);
    }

    @Test
    void refusesMissingTamperedUnsignedForeignAndExpiredAccessTokens() {
        Session user = api.newUser();
        Session other = api.newUser();
        assertThat(api.get("/api/v1/users/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/me", "garbage").status()).isEqualTo(401);

        String[] parts = user.accessToken().split("\\.");
        String otherClaims = other.accessToken().split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];
        Response tamperedAnswer = api.get("/api/v1/users/me", tampered);
        assertThat(tamperedAnswer.status()).isEqualTo(401);
        assertThat(tamperedAnswer.isProblem()).isTrue();
        assertThat(tamperedAnswer.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));

        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertThat(api.get("/api/v1/users/me", none).status()).isEqualTo(401);

        String foreignKey = token(new javax.crypto.spec.SecretKeySpec(
                "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                user.userId(), Instant.now().plusSeconds(600));
        assertThat(api.get("/api/v1/users/me", foreignKey).status()).isEqualTo(401);

        String expired = token(signingKey.key(), user.userId(), Instant.now().minusSeconds(60));
        Response expiredAnswer = api.get("/api/v1/users/me", expired);
        assertThat(expiredAnswer.status()).isEqualTo(401);
        assertThat(expiredAnswer.json().get("detail").asString()).containsIgnoringCase("expired");

        String valid = token(signingKey.key(), user.userId(), Instant.now().plusSeconds(600));
        assertThat(api.get("/api/v1/users/me", valid).status()).isEqualTo(200);
    }

    @Test
    void eachUserSeesAndChangesOnlyTheirOwnAccount() {
        Session ana = api.newUser();
        Session bia = api.newUser();
        assertThat(api.get("/api/v1/users/me", ana.accessToken()).json().get("email").asString()).isEqualTo(ana.email());
        assertThat(api.patch("/api/v1/users/me", Map.of("name", "Ana Changed"), ana.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", bia.accessToken()).json().get("name").asString()).isEqualTo("Test User");
        assertThat(api.get("/api/v1/admin/jobs", ana.accessToken()).status()).isEqualTo(403);
    }

    private String token(javax.crypto.SecretKey key, long userId, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(AuthProperties.ISSUER).subject(Long.toString(userId))
                .id(UUID.randomUUID().toString()).issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .claim("email", "x@example.com").claim("roles", List.of("USER")).build();
        return NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build()
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String unique() {
        return "auth-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}

package br.agendador.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import br.agendador.platform.security.Claims;
import br.agendador.users.UserAccount;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues the short-lived access tokens the API accepts as bearer tokens. */
@Component
class AccessTokens {

    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokens(SigningKey key, AuthProperties properties, Clock clock) {
        this.encoder = NimbusJwtEncoder.withSecretKey(key.key()).algorithm(MacAlgorithm.HS256).build();
        this.properties = properties;
        this.clock = clock;
    }

    String issue(UserAccount user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(AuthProperties.ISSUER)
                .subject(Long.toString(user.id()))
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim(Claims.EMAIL, user.email())
                .claim(Claims.ROLES, List.of(user.role().name()))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}

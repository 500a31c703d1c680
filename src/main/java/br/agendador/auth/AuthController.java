package br.agendador.auth;

import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Accounts and tokens; these endpoints need no token")
@SecurityRequirements
class AuthController {

    private final Logins logins;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final UserAccounts accounts;

    AuthController(Logins logins, AccessTokens accessTokens, RefreshTokens refreshTokens, UserAccounts accounts) {
        this.logins = logins;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange e-mail and password for an access token (15 min) and a refresh token (30 days)",
            description = "401 when the e-mail or password is wrong; 429 with Retry-After after 5 failures for one"
                    + " e-mail within 15 minutes.")
    TokenPair login(@Valid @RequestBody Credentials credentials) {
        UserAccount user = logins.login(credentials.email(), credentials.password());
        return new TokenPair(accessTokens.issue(user), refreshTokens.issue(user.id()), "Bearer",
                accessTokens.lifetimeSeconds());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Spend a refresh token for a new pair",
            description = "Each refresh token works once. Presenting a spent one answers 401 and revokes every token"
                    + " of that login, since someone else has a copy.")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(request.refreshToken())
                .orElseThrow(AuthController::invalidRefreshToken);
        UserAccount user = accounts.find(rotation.userId()).orElseThrow(AuthController::invalidRefreshToken);
        return new TokenPair(accessTokens.issue(user), rotation.refreshToken(), "Bearer", accessTokens.lifetimeSeconds());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the login the refresh token belongs to")
    void logout(@Valid @RequestBody RefreshRequest request) {
        refreshTokens.revoke(request.refreshToken());
    }

    @ExceptionHandler(BadCredentialsException.class)
    ErrorResponseException badCredentials(BadCredentialsException e) {
        return Problems.of(HttpStatus.UNAUTHORIZED, AuthProblem.BAD_CREDENTIALS);
    }

    @ExceptionHandler(TooManyLoginAttemptsException.class)
    ResponseEntity<Object> throttled(TooManyLoginAttemptsException e) {
        ErrorResponseException problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, AuthProblem.THROTTLED, e.minutes());
        problem.getBody().setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.getBody());
    }

    private static ErrorResponseException invalidRefreshToken() {
        return Problems.of(HttpStatus.UNAUTHORIZED, AuthProblem.REFRESH_TOKEN_INVALID);
    }

    record Credentials(@NotBlank String email, @NotNull String password) {
    }

    record RefreshRequest(@NotBlank String refreshToken) {
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }
}

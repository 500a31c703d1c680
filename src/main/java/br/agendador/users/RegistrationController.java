package br.agendador.users;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
class RegistrationController {

    private final UserAccounts accounts;

    RegistrationController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/register")
    @SecurityRequirements
    @Operation(summary = "Open an account",
            description = "Password: at least 10 characters mixing letters with digits or symbols. The e-mail is"
                    + " stored trimmed and in lower case. 409 when it is already registered.")
    @ApiResponse(responseCode = "201", description = "The account; `Location` is /api/v1/users/me")
    @ApiResponse(responseCode = "409", description = "The e-mail is already registered",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<UserJson> register(@Valid @RequestBody RegisterRequest request) {
        UserAccount account = accounts.register(new NewAccount(request.name(), request.email(), request.password(),
                request.timeZone(), request.locale()));
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(UserJson.of(account));
    }

    /**
     * @param timeZone IANA time zone, default America/Sao_Paulo
     * @param locale pt-BR (default) or en
     */
    record RegisterRequest(@NotBlank String name, @NotBlank String email, @NotNull String password,
            @Nullable String timeZone, @Nullable String locale) {
    }
}

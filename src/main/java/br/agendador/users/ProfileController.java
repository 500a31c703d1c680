package br.agendador.users;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/me")
@Tag(name = "Profile", description = "The signed-in user's own account")
class ProfileController {

    private final UserAccounts accounts;

    ProfileController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "Who am I")
    UserJson me(AuthenticatedUser user) {
        return accounts.find(user.id()).map(UserJson::of)
                .orElseThrow(() -> Problems.notFound(AccountProblem.GONE));
    }

    @PatchMapping
    @Operation(summary = "Change name, time zone (IANA id), language (pt-BR or en) or the daily digest")
    UserJson update(AuthenticatedUser user, @RequestBody ProfileChange change) {
        return UserJson.of(accounts.updateProfile(user.id(), change));
    }
}

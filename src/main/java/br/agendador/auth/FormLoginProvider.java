package br.agendador.auth;

import br.agendador.users.UserAccount;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Web form logins go through the same throttled check as the API's. */
@Component
class FormLoginProvider implements AuthenticationProvider {

    private final Logins logins;

    FormLoginProvider(Logins logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = String.valueOf(authentication.getCredentials());
        UserAccount account = logins.login(email, password);
        SessionUser user = SessionUser.of(account);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

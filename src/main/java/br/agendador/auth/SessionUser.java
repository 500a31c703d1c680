package br.agendador.auth;

import java.util.Collection;
import java.util.List;

import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.platform.security.UserPrincipal;
import br.agendador.users.UserAccount;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The principal kept in a web session after a form login. */
record SessionUser(AuthenticatedUser user, String name) implements UserPrincipal, java.io.Serializable {

    static SessionUser of(UserAccount account) {
        return new SessionUser(new AuthenticatedUser(account.id(), account.email(), account.admin()), account.name());
    }

    Collection<? extends GrantedAuthority> authorities() {
        return user.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String toString() {
        return user.email();
    }
}

package br.agendador.auth;

import java.util.Collection;
import java.util.List;

import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.platform.security.UserPrincipal;
import br.agendador.users.UserAccount;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal kept in a web session after a form login (or a remembered one: it is a
 * {@link UserDetails} for Spring's remember-me support; it never holds the password).
 */
record SessionUser(AuthenticatedUser user, String name) implements UserPrincipal, UserDetails, java.io.Serializable {

    static SessionUser of(UserAccount account) {
        return new SessionUser(new AuthenticatedUser(account.id(), account.email(), account.admin()), account.name());
    }

    Collection<? extends GrantedAuthority> authorities() {
        return user.admin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities();
    }

    @Override
    public String getPassword() {
        return "";
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public String toString() {
        return user.email();
    }
}

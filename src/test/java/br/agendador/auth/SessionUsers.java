package br.agendador.auth;

import java.time.Duration;

import br.agendador.users.UserAccount;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

/** Sign-ins for web slice tests ({@link WebSecuritySlice}), whose password check is a mock. */
public final class SessionUsers {

    private SessionUsers() {
    }

    /** The authentication a web form sign-in produces. */
    public static Authentication signedIn(UserAccount account) {
        SessionUser user = SessionUser.of(account);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    /** The mocked password check accepts this account's password and nothing else. */
    public static void acceptOnly(ApplicationContext context, UserAccount account, String password) {
        when(context.getBean(Logins.class).login(anyString(), anyString())).thenAnswer(call -> {
            if (account.email().equals(call.getArgument(0)) && password.equals(call.getArgument(1))) {
                return account;
            }
            throw new BadCredentialsException("E-mail or password is wrong");
        });
    }

    /** The mocked password check refuses every attempt as throttled, for {@code wait}. */
    public static void throttle(ApplicationContext context, Duration wait) {
        when(context.getBean(Logins.class).login(anyString(), anyString()))
                .thenThrow(new TooManyLoginAttemptsException(wait));
    }
}

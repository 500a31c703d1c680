package br.agendador.auth;

import br.agendador.users.EmailAddress;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;

/** Checks a password, throttled: the one way in for both the API and the web form. */
@Service
class Logins {

    private final UserAccounts accounts;
    private final LoginThrottle throttle;

    Logins(UserAccounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /**
     * @throws TooManyLoginAttemptsException when this e-mail failed too often lately
     * @throws BadCredentialsException when the e-mail or the password is wrong
     */
    UserAccount login(String email, String password) {
        String normalised = EmailAddress.normalise(email);
        throttle.waitBeforeNextAttempt(normalised).ifPresent(wait -> {
            throw new TooManyLoginAttemptsException(wait);
        });
        UserAccount account = accounts.authenticate(normalised, password).orElseThrow(() -> {
            throttle.recordFailure(normalised);
            return new BadCredentialsException(AuthProblem.BAD_CREDENTIALS.english());
        });
        throttle.recordSuccess(normalised);
        return account;
    }
}

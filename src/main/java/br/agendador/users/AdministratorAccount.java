package br.agendador.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the first administrator from {@code agendador.admin.email} and {@code .password}. */
@Component
class AdministratorAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdministratorAccount.class);

    private final UserAccounts accounts;
    private final String email;
    private final String password;

    AdministratorAccount(UserAccounts accounts, @Value("${agendador.admin.email:}") String email,
            @Value("${agendador.admin.password:}") String password) {
        this.accounts = accounts;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank()) {
            return;
        }
        if (password.isBlank() && accounts.findByEmail(email).isEmpty()) {
            log.warn("agendador.admin.email is set but agendador.admin.password is not: no administrator created");
            return;
        }
        UserAccount admin = accounts.ensureAdministrator(email, password);
        log.info("Administrator account: {}", admin.email());
    }
}

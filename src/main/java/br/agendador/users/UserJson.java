package br.agendador.users;

import java.time.Instant;

/** The account as the API shows it. */
record UserJson(long id, String name, String email, Role role, String timeZone, String locale,
        boolean dailyDigest, JobMailChoice jobMails, Instant createdAt) {

    static UserJson of(UserAccount account) {
        return new UserJson(account.id(), account.name(), account.email(), account.role(),
                account.timeZone().getId(), account.language().tag(), account.dailyDigest(), account.jobMails(),
                account.createdAt());
    }
}

package br.agendador.users;

import java.time.Instant;
import java.time.ZoneId;

/** A user as the rest of the application sees it: never the password hash. */
public record UserAccount(
        long id,
        String email,
        String name,
        Role role,
        ZoneId timeZone,
        Language language,
        boolean dailyDigest,
        JobMailChoice jobMails,
        Instant createdAt) {

    public boolean admin() {
        return role == Role.ADMIN;
    }
}

package br.agendador.users;

import org.jspecify.annotations.Nullable;

/** A partial update of the profile: only the fields given change. */
public record ProfileChange(@Nullable String name, @Nullable String timeZone, @Nullable String locale,
        @Nullable Boolean dailyDigest, @Nullable String jobMails) {
}

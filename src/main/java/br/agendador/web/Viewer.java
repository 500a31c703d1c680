package br.agendador.web;

import java.time.ZoneId;
import java.util.Locale;

import br.agendador.users.Language;
import br.agendador.users.UserAccount;

/** The signed-in person looking at a page, as the templates need them. */
public record Viewer(long id, String name, String email, boolean admin, Language language, ZoneId timeZone) {

    static Viewer of(UserAccount account) {
        return new Viewer(account.id(), account.name(), account.email(), account.admin(), account.language(),
                account.timeZone());
    }

    public Locale locale() {
        return language.locale();
    }

    /** For the avatar circle in the navigation bar. */
    public String initial() {
        return name.isBlank() ? "?" : name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(locale());
    }
}

package br.agendador.users;

import org.jspecify.annotations.Nullable;

/** What a person gives to open an account; time zone and language default when absent. */
public record NewAccount(String name, String email, String password, @Nullable String timeZone,
        @Nullable String locale) {
}

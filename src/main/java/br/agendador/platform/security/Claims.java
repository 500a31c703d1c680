package br.agendador.platform.security;

/** Names of the claims our access tokens carry beyond the registered ones. */
public final class Claims {

    public static final String EMAIL = "email";
    public static final String ROLES = "roles";

    private Claims() {
    }
}

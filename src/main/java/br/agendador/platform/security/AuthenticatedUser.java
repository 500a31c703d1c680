package br.agendador.platform.security;

/**
 * Who is making the request, whether they came with a bearer token (API) or a session (web UI).
 * Controllers take it as a parameter; it is resolved from the security context.
 */
public record AuthenticatedUser(long id, String email, boolean admin) implements java.io.Serializable {
}

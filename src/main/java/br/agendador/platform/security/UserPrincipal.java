package br.agendador.platform.security;

/** A session principal that knows which user it stands for. */
public interface UserPrincipal {

    AuthenticatedUser user();
}

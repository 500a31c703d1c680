/**
 * Who may do what: JWT access tokens and rotating refresh tokens for the API, session login for
 * the web UI, login throttling, and the security filter chains.
 */
@NullMarked
@ApplicationModule(displayName = "Authentication", allowedDependencies = {"users", "platform"})
package br.agendador.auth;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

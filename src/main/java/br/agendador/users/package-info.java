/**
 * Accounts: registration, password hashing and rules, roles and the profile (name, time zone,
 * language, daily digest).
 */
@NullMarked
@ApplicationModule(displayName = "Users")
package br.agendador.users;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * E-mails to users: the "lookup started" and "lookup finished" mails of every job, rendered from
 * Thymeleaf templates in the user's language and time zone, written to an outbox and delivered
 * by SMTP with retries, or kept in the in-app mailbox when no SMTP server is configured.
 */
@NullMarked
@ApplicationModule(displayName = "Notifications")
package br.agendador.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

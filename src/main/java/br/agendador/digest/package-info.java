/**
 * The daily digest: at {@code agendador.digest.time} (19:00) in each user's own time zone, one
 * e-mail with the jobs that finished since the previous one, grouped by outcome; exactly once
 * per user and local date however many scheduler processes run, and sent late rather than never
 * after downtime.
 */
@NullMarked
@ApplicationModule(displayName = "Daily digest")
package br.agendador.digest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

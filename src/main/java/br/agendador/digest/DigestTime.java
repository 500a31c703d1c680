package br.agendador.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the digest of a local date is due in a zone. Daylight saving is settled the java.time
 * way: a time the clocks skip (02:30 on the night they spring forward) is due that much later
 * (03:30), and a time that happens twice (the night they fall back) is due at its first
 * occurrence. Either way a date has exactly one due instant, and the digest is keyed by the date.
 */
record DigestTime(LocalTime time) {

    Instant dueAt(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The local date of the latest digest due at or before {@code now}. */
    LocalDate lastDue(ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return dueAt(today, zone).isAfter(now) ? today.minusDays(1) : today;
    }

    /** The first digest due after {@code now}. */
    Instant nextDue(ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant due = dueAt(today, zone);
        return due.isAfter(now) ? due : dueAt(today.plusDays(1), zone);
    }
}

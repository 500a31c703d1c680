package br.agendador.jobs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** How often a job repeats; the next occurrence keeps the same local time in the owner's zone. */
public enum Recurrence {
    NONE, DAILY, WEEKLY, MONTHLY;

    /**
     * The occurrence after {@code previous}, computed on the owner's wall clock so that a 09:00
     * job stays at 09:00 across daylight-saving changes; a local time that does not exist that
     * day moves forward by the gap (java.time's rule), and a MONTHLY job on the 31st runs on the
     * last day of shorter months.
     */
    public ZonedDateTime next(ZonedDateTime previous, ZoneId zone) {
        ZonedDateTime local = previous.withZoneSameInstant(zone);
        return switch (this) {
            case NONE -> throw new IllegalStateException("A one-off job has no next occurrence");
            case DAILY -> local.plusDays(1);
            case WEEKLY -> local.plusWeeks(1);
            case MONTHLY -> local.plusMonths(1);
        };
    }

    /**
     * The first occurrence after {@code previous} that is still ahead of {@code now}: after downtime
     * a late occurrence has run once, now; the series then resumes at its next time in the future
     * instead of running every missed one in a row.
     */
    public Instant nextAfter(Instant previous, ZoneId zone, Instant now) {
        ZonedDateTime next = next(previous.atZone(zone), zone);
        while (!next.toInstant().isAfter(now)) {
            next = next(next, zone);
        }
        return next.toInstant();
    }
}

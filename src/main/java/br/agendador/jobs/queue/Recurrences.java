package br.agendador.jobs.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import br.agendador.jobs.JobScheduled;
import br.agendador.jobs.Recurrence;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules the next occurrence of a recurring job when it ends, exactly once: the job's
 * {@code next_occurrence_id} is set in the same statement, and the caller holds the job's row
 * (it has just moved it to an end state under its fencing token), so a re-run or a later retry of
 * the same job never adds a second one.
 *
 * <p>The next time keeps the owner's wall-clock time in the owner's zone ({@link Recurrence#next}).
 * After downtime a late occurrence has run once, now; the series then resumes at its first
 * occurrence still in the future instead of running every missed one in a row.
 */
final class Recurrences {

    private static final String SCHEDULE_NEXT = """
            WITH next AS (
                INSERT INTO jobs (user_id, cnpj, status, priority, label, recurrence, series_id, scheduled_at,
                                  created_at, updated_at)
                SELECT user_id, cnpj, 'SCHEDULED', priority, label, recurrence, coalesce(series_id, id), :at,
                       now(), now()
                  FROM jobs
                 WHERE id = :id AND next_occurrence_id IS NULL AND recurrence <> 'NONE'
             RETURNING id, user_id, cnpj, created_at
            ),
            linked AS (
                UPDATE jobs SET next_occurrence_id = next.id FROM next WHERE jobs.id = :id
            )
            SELECT id, user_id, cnpj, created_at FROM next""";

    private final UserAccounts users;
    private final ZoneId defaultZone;

    Recurrences(UserAccounts users, ZoneId defaultZone) {
        this.users = users;
        this.defaultZone = defaultZone;
    }

    /**
     * Inside the transaction that ended the job: creates its next occurrence unless it has one.
     *
     * @param now the end time on the database clock
     * @return the event to publish for the new job, if one was created
     */
    Optional<JobScheduled> scheduleNext(JdbcClient jdbc, long jobId, long userId, Recurrence recurrence,
            Instant scheduledAt, Instant now) {
        if (recurrence == Recurrence.NONE) {
            return Optional.empty();
        }
        Instant next = recurrence.nextAfter(scheduledAt, zoneOf(userId), now);
        return jdbc.sql(SCHEDULE_NEXT)
                .param("id", jobId)
                .param("at", OffsetDateTime.ofInstant(next, ZoneOffset.UTC))
                .query((rs, row) -> new JobScheduled(rs.getLong("id"), rs.getLong("user_id"), rs.getString("cnpj"),
                        Claims.instant(rs, "created_at")))
                .optional();
    }

    private ZoneId zoneOf(long userId) {
        return users.find(userId).map(UserAccount::timeZone).orElse(defaultZone);
    }
}

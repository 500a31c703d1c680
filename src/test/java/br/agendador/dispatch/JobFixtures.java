package br.agendador.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import br.agendador.support.JobRows;
import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Recurrence;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users and jobs written straight into the database, the way the jobs API stores them, and what
 * the dispatcher made of them. Times are relative to the database clock, which the dispatcher
 * goes by.
 */
public final class JobFixtures {

    private static final int[] FIRST_WEIGHTS = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND_WEIGHTS = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private final JdbcClient jdbc;

    public JobFixtures(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The n-th numeric CNPJ (head office of root n), valid check digits included. */
    public static Cnpj cnpj(int n) {
        String base = "%08d0001".formatted(n);
        int first = checkDigit(base, FIRST_WEIGHTS);
        int second = checkDigit(base + first, SECOND_WEIGHTS);
        return new Cnpj(base + first + second);
    }

    private static int checkDigit(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    public long user() {
        return user(ZoneId.of("America/Sao_Paulo"));
    }

    public long user(ZoneId zone) {
        return jdbc.sql("""
                        INSERT INTO users (email, name, password_hash, time_zone, created_at, updated_at)
                        VALUES (?, 'Fixture', 'not-a-hash', ?, now(), now()) RETURNING id""")
                .params("fixture-" + UUID.randomUUID() + "@example.com", zone.getId())
                .query(Long.class).single();
    }

    public Job job(long userId, Cnpj cnpj) {
        return new Job(userId, cnpj);
    }

    /**
     * {@code count} jobs for the user, due {@code ago} before now and one millisecond apart in
     * creation order, priority 3, CNPJs {@code cnpj(firstCnpj)}, {@code cnpj(firstCnpj + 1)}...
     */
    public List<Long> dueJobs(long userId, int count, int firstCnpj, Duration ago) {
        String[] cnpjs = new String[count];
        for (int i = 0; i < count; i++) {
            cnpjs[i] = cnpj(firstCnpj + i).value();
        }
        return jdbc.sql("""
                        INSERT INTO jobs (user_id, cnpj, status, priority, scheduled_at, created_at, updated_at)
                        SELECT ?, c.cnpj, 'SCHEDULED', 3, now() - ? * interval '1 millisecond'
                                  + c.n * interval '1 millisecond', now(), now()
                          FROM unnest(?::text[]) WITH ORDINALITY AS c (cnpj, n)
                         ORDER BY c.n
                        RETURNING id""")
                .params(userId, ago.toMillis(), cnpjs)
                .query(Long.class).list();
    }

    public Instant databaseNow() {
        return jdbc.sql("SELECT now()").query((rs, row) -> instant(rs, "now")).single();
    }

    public JobRow row(long jobId) {
        return jdbc.sql("SELECT * FROM jobs WHERE id = ?").param(jobId).query(JobFixtures::jobRow).single();
    }

    public List<AttemptRow> attempts(long jobId) {
        return jdbc.sql("SELECT * FROM job_attempts_so_far WHERE job_id = ? ORDER BY attempt").param(jobId)
                .query((rs, row) -> new AttemptRow(rs.getInt("attempt"), rs.getString("worker_id"),
                        instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"),
                        rs.getString("provider"), rs.getString("error")))
                .list();
    }

    /** Moves a job's time (say, a retry's) to now, as if its wait were over. */
    public void makeDue(long jobId) {
        jdbc.sql("UPDATE jobs SET scheduled_at = now() WHERE id = ?").param(jobId).update();
    }

    /** Ends every lease now, as if the workers holding them had stopped renewing them a while ago. */
    public void expireLeases(List<Long> jobIds) {
        jdbc.sql("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = ANY(?) AND status = 'RUNNING'")
                .param(jobIds.stream().mapToLong(Long::longValue).toArray()).update();
    }

    /**
     * Cancels what other tests left in the queue, so that a due pass here only sees this test's
     * jobs (the test database is shared by every test class).
     */
    public void clearQueue() {
        JobRows.cancelEveryScheduledJob(jdbc);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    private static JobRow jobRow(ResultSet rs, int row) throws SQLException {
        return new JobRow(rs.getLong("id"), rs.getLong("user_id"), rs.getString("cnpj"),
                JobStatus.valueOf(rs.getString("status")), rs.getInt("priority"),
                Recurrence.valueOf(rs.getString("recurrence")), rs.getString("label"), instant(rs, "scheduled_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("attempt"), rs.getInt("retry_base"),
                instant(rs, "lease_until"), rs.getString("worker_id"), rs.getString("last_error"),
                rs.getString("result"), (Long) rs.getObject("next_occurrence_id"), (Long) rs.getObject("series_id"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public record JobRow(long id, long userId, String cnpj, JobStatus status, int priority, Recurrence recurrence,
            @Nullable String label, Instant scheduledAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
            int attempt, int retryBase, @Nullable Instant leaseUntil, @Nullable String workerId,
            @Nullable String lastError, @Nullable String result, @Nullable Long nextOccurrenceId,
            @Nullable Long seriesId) {
    }

    public record AttemptRow(int attempt, String workerId, Instant startedAt, @Nullable Instant finishedAt,
            @Nullable String outcome, @Nullable String provider, @Nullable String error) {
    }

    /** A job to insert; due a minute ago unless told otherwise. */
    public final class Job {

        private final long userId;
        private final Cnpj cnpj;
        private int priority = 3;
        private Duration dueIn = Duration.ofMinutes(-1);
        private Recurrence recurrence = Recurrence.NONE;
        private @Nullable String label;
        private @Nullable Instant at;

        private Job(long userId, Cnpj cnpj) {
            this.userId = userId;
            this.cnpj = cnpj;
        }

        public Job priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Scheduled this long after now on the database clock (negative: already due). */
        public Job dueIn(Duration dueIn) {
            this.dueIn = dueIn;
            return this;
        }

        public Job at(Instant at) {
            this.at = at;
            return this;
        }

        public Job recurrence(Recurrence recurrence) {
            this.recurrence = recurrence;
            return this;
        }

        public Job label(String label) {
            this.label = label;
            return this;
        }

        public long insert() {
            return jdbc.sql("""
                            INSERT INTO jobs (user_id, cnpj, status, priority, label, recurrence, scheduled_at,
                                              created_at, updated_at)
                            VALUES (?, ?, 'SCHEDULED', ?, ?, ?,
                                    coalesce(?::timestamptz, now() + ? * interval '1 millisecond'), now(), now())
                            RETURNING id""")
                    .params(userId, cnpj.value(), priority, label, recurrence.name(),
                            at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC), dueIn.toMillis())
                    .query(Long.class).single();
        }
    }
}

package br.agendador.jobs.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobsStarted;
import br.agendador.jobs.Recurrence;
import br.agendador.platform.database.SqlTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Takes due jobs off the queue: highest priority first, then earliest scheduled time, then
 * arrival; never before {@code scheduled_at} on the database clock; fairly across users.
 *
 * <p>Fairness: while more than one user has due jobs, each may hold at most
 * {@code max-running-per-user} RUNNING jobs (across all workers); a user alone may use every
 * worker. The claim finds the users with due work by walking {@code jobs_due_user_idx} (one index
 * descent per such user, stepping over the not-yet-due jobs of users in between), takes each
 * user's first few jobs within their share, and locks the best {@code limit} of those
 * ({@code FOR UPDATE SKIP LOCKED}, so rows an API request is editing are left alone). Its cost
 * grows with the number of users that have due work, never with anyone's backlog. The claim and
 * its {@code JobsStarted} event commit together (the running attempt is the job row itself; its
 * {@code job_attempts} row is written when it ends); "due" and {@code started_at} are the
 * database clock read once the lock is held.
 *
 * <p>The shares are computed from the RUNNING jobs the claim can see, so two claims running side
 * by side could each give a user their full share. Claims therefore take a transaction-level
 * advisory lock first, in a statement of their own: a statement's snapshot is taken when it
 * starts, so the claim sees every claim committed before the lock was granted. Claims are short
 * and batched, so serialising them costs little. The status counters move in the same statement.
 */
final class Claims {

    /** Any constant works; it only has to be the same in every process. ("agendCLM") */
    private static final long CLAIM_LOCK = 0x6167656e64434c4dL;

    private static final String CLAIM = """
            WITH RECURSIVE claim_time AS MATERIALIZED (
                -- the database clock once the lock is held (now() is when the transaction began)
                SELECT clock_timestamp() AS now
            ),
            due_users (user_id) AS (
                (SELECT user_id FROM jobs
                  WHERE status = 'SCHEDULED' AND scheduled_at <= (SELECT now FROM claim_time)
                  ORDER BY user_id LIMIT 1)
                UNION ALL
                SELECT (SELECT j.user_id FROM jobs j
                         WHERE j.status = 'SCHEDULED' AND j.scheduled_at <= (SELECT now FROM claim_time)
                           AND j.user_id > d.user_id
                         ORDER BY j.user_id LIMIT 1)
                  FROM due_users d
                 WHERE d.user_id IS NOT NULL
            ),
            shares AS MATERIALIZED (
                SELECT d.user_id,
                       CASE WHEN count(*) OVER () = 1 THEN :limit
                            ELSE :maxPerUser - (SELECT count(*) FROM jobs r
                                                 WHERE r.user_id = d.user_id AND r.status = 'RUNNING')
                       END AS slots
                  FROM due_users d
                 WHERE d.user_id IS NOT NULL
            ),
            candidates AS MATERIALIZED (
                SELECT c.id, c.priority, c.scheduled_at
                  FROM shares s
                 CROSS JOIN LATERAL (
                       SELECT j.id, j.priority, j.scheduled_at FROM jobs j
                        WHERE j.user_id = s.user_id AND j.status = 'SCHEDULED'
                          AND j.scheduled_at <= (SELECT now FROM claim_time)
                        ORDER BY j.priority DESC, j.scheduled_at, j.id
                        LIMIT greatest(s.slots, 0)) c
                 ORDER BY c.priority DESC, c.scheduled_at, c.id
                 LIMIT :limit
            ),
            -- Each row locked through its primary key alone, then checked as it is once locked: a
            -- lookup by id is the one plan for it whatever the table's statistics say (given the
            -- conditions too, PostgreSQL was seen scanning a list index for them).
            picked AS MATERIALIZED (
                SELECT l.id
                  FROM candidates c
                 CROSS JOIN LATERAL (
                       SELECT j.id, j.status, j.scheduled_at FROM jobs j WHERE j.id = c.id
                          FOR UPDATE SKIP LOCKED) l
                 WHERE l.status = 'SCHEDULED' AND l.scheduled_at <= (SELECT now FROM claim_time)
            ),
            claimed AS (
                UPDATE jobs
                   SET status = 'RUNNING', attempt = jobs.attempt + 1,
                       lease_until = claim_time.now + :leaseMillis * interval '1 millisecond', worker_id = :worker,
                       started_at = claim_time.now, finished_at = NULL, updated_at = claim_time.now
                  FROM picked, claim_time
                 WHERE jobs.id = picked.id
             RETURNING jobs.id, jobs.user_id, jobs.cnpj, jobs.attempt, jobs.retry_base, jobs.priority,
                       jobs.recurrence, jobs.scheduled_at, jobs.started_at
            ),
            """ + JobCounts.moved("claimed", "'SCHEDULED'", "'RUNNING'") + """
            SELECT * FROM claimed ORDER BY priority DESC, scheduled_at, id""";
    private static final ParsedSql CLAIM_PARSED = NamedParameterUtils.parseSqlStatement(CLAIM);

    /**
     * The earliest job that is not due yet, one index probe per priority (1 to 5, the check on
     * {@code jobs.priority}), rounded up so that a worker never wakes before it.
     */
    private static final String UNTIL_NEXT_DUE = """
            SELECT ceil(extract(epoch FROM min(heads.next) - now()) * 1000)::bigint
              FROM (SELECT (SELECT j.scheduled_at FROM jobs j
                             WHERE j.status = 'SCHEDULED' AND j.priority = p AND j.scheduled_at > now()
                             ORDER BY j.scheduled_at LIMIT 1) AS next
                      FROM generate_series(1, 5) AS p) AS heads""";

    private final QueueTransactions transactions;
    private final ApplicationEventPublisher events;
    private final int maxRunningPerUser;
    private final Duration lease;

    Claims(QueueTransactions transactions, ApplicationEventPublisher events, int maxRunningPerUser, Duration lease) {
        this.transactions = transactions;
        this.events = events;
        this.maxRunningPerUser = maxRunningPerUser;
        this.lease = lease;
    }

    /** Claims up to {@code limit} due jobs for {@code workerId}, best first. */
    List<ClaimedJob> claim(String workerId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("limit", limit)
                .addValue("maxPerUser", maxRunningPerUser)
                .addValue("leaseMillis", lease.toMillis())
                .addValue("worker", workerId);
        return transactions.inTransaction(() -> {
            List<ClaimedJob> jobs = transactions.onConnection(connection -> lockAndClaim(connection, parameters));
            if (!jobs.isEmpty()) {
                events.publishEvent(new JobsStarted(jobs.stream().map(job -> new JobStarted(job.id(), job.userId(),
                        job.cnpj().value(), job.startedAt(), job.attempt(), workerId)).toList()));
            }
            return jobs;
        });
    }

    /**
     * The lock, then the claim, as two prepared statements: each is planned once per connection
     * (a string holding both was planned again on every call, a millisecond each time).
     */
    private static List<ClaimedJob> lockAndClaim(Connection connection, MapSqlParameterSource parameters)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, CLAIM_LOCK);
            lock.execute();
        }
        String sql = NamedParameterUtils.substituteNamedParameters(CLAIM_PARSED, parameters);
        Object[] values = NamedParameterUtils.buildValueArray(CLAIM_PARSED, parameters, null);
        try (PreparedStatement claim = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                claim.setObject(i + 1, values[i]);
            }
            List<ClaimedJob> jobs = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    jobs.add(claimedJob(rows, jobs.size()));
                }
            }
            return jobs;
        }
    }

    /** How long until the next job that is not due yet becomes due; empty when there is none. */
    Optional<Duration> untilNextDue() {
        return transactions.jdbc().sql(UNTIL_NEXT_DUE).query(Long.class).optional().map(Duration::ofMillis);
    }

    private static ClaimedJob claimedJob(ResultSet rs, int row) throws SQLException {
        int attempt = rs.getInt("attempt");
        return new ClaimedJob(rs.getLong("id"), rs.getLong("user_id"), new Cnpj(rs.getString("cnpj")), attempt,
                attempt - rs.getInt("retry_base"), rs.getInt("priority"), Recurrence.valueOf(rs.getString("recurrence")),
                instant(rs, "scheduled_at"), instant(rs, "started_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(SqlTimes.instant(rs, column), column);
    }
}

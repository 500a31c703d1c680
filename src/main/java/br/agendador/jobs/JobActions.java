package br.agendador.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import br.agendador.jobs.queue.JobCounts;
import br.agendador.platform.problem.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One change for every job of a user that a list filter matches, not just a page: cancel, retry,
 * reschedule, a new priority. The matching jobs in a state the change applies to are read once
 * (their ids), then changed {@value #BATCH} at a time, each batch in a short transaction of its
 * own that skips the rows a worker is claiming at that moment ({@code SKIP LOCKED}): the
 * dispatcher is never kept waiting, and a job it took meanwhile is simply not changed. A job
 * that left the state since it was read is not changed either. Each batch moves the status
 * counters and announces its jobs in one {@link JobsChanged}.
 */
@Service
public class JobActions {

    static final int BATCH = 1_000;

    private static final String CHANGE = """
            WITH previous AS (
                SELECT j.id, j.user_id, j.status FROM jobs j
                 WHERE j.id = ANY (:ids) AND j.user_id = :user AND j.status = ANY (CAST(:eligible AS text[]))
                   FOR UPDATE SKIP LOCKED
            ),
            changed AS (
                UPDATE jobs SET %s
                  FROM previous p
                 WHERE jobs.id = p.id
             RETURNING jobs.id, jobs.user_id, jobs.cnpj, jobs.status
            ),
            moved AS (
                SELECT c.user_id, p.status AS old_status, c.status AS new_status FROM changed c JOIN previous p ON p.id = c.id
            ),
            %s
            SELECT id, cnpj FROM changed""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobActions(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies {@code action} to the user's jobs matching {@code filter}; on a dry run, only counts
     * them. 400 for a filter or an action that is not valid.
     */
    public JobActionResult apply(long userId, JobFilter filter, JobAction action, boolean dryRun) {
        checked(action, dryRun);
        JobListQuery query = JobListQuery.checked(userId, filter, JobSort.parse("scheduledAt,desc"));
        long matched = jdbc.sql(query.countSql()).params(query.params()).query(Long.class).single();
        String[] eligible = action.kind().from().stream().map(Enum::name).toArray(String[]::new);
        long[] ids = jdbc.sql(query.idsSql()).params(query.params()).param("eligible", eligible)
                .query(Long.class).list().stream().mapToLong(Long::longValue).sorted().toArray();
        long changed = 0;
        if (dryRun) {
            changed = ids.length;
        } else {
            for (int from = 0; from < ids.length; from += BATCH) {
                long[] batch = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH));
                changed += transactions.execute(status -> change(userId, action, batch, eligible));
            }
        }
        return new JobActionResult(action.kind().apiName(), matched, changed, Math.max(0, matched - changed), dryRun);
    }

    private int change(long userId, JobAction action, long[] batch, String[] eligible) {
        Instant now = Job.micros(clock.instant());
        List<JobsScheduled.ScheduledJob> jobs = new ArrayList<>();
        JdbcClient.StatementSpec statement = jdbc.sql(CHANGE.formatted(assignments(action.kind()),
                        JobCounts.moved("moved", "old_status", "new_status")))
                .param("ids", batch).param("user", userId).param("eligible", eligible).param("now", Timestamp.from(now));
        if (action.kind() == JobAction.Kind.RESCHEDULE) {
            statement = statement.param("at", Timestamp.from(Job.micros(action.scheduledAt())));
        }
        if (action.kind() == JobAction.Kind.PRIORITY) {
            statement = statement.param("priority", action.priority());
        }
        statement.query(rs -> {
            jobs.add(new JobsScheduled.ScheduledJob(rs.getLong("id"), rs.getString("cnpj")));
        });
        if (!jobs.isEmpty()) {
            events.publishEvent(new JobsChanged(userId, action.kind() == JobAction.Kind.CANCEL, jobs, now));
        }
        return jobs.size();
    }

    /** The same columns the change of one job sets ({@link Job#cancel}, {@link Job#retry}, {@link Job#reschedule}). */
    private static String assignments(JobAction.Kind kind) {
        return switch (kind) {
            case CANCEL -> "status = 'CANCELED', finished_at = :now, updated_at = :now";
            case RETRY -> "status = 'SCHEDULED', scheduled_at = :now, started_at = NULL, finished_at = NULL,"
                    + " retry_base = jobs.attempt, last_error = NULL, result = NULL, bulk_import_id = NULL, updated_at = :now";
            case RESCHEDULE -> "scheduled_at = :at, started_at = NULL, finished_at = NULL, retry_base = jobs.attempt,"
                    + " updated_at = :now";
            case PRIORITY -> "priority = :priority, updated_at = :now";
        };
    }

    /** The values given must be valid; a dry run (counting, before the new time or priority is chosen) may leave them out. */
    private void checked(JobAction action, boolean dryRun) {
        JobInput input = new JobInput(clock);
        if (action.kind() == JobAction.Kind.RESCHEDULE) {
            if (action.scheduledAt() == null && !dryRun) {
                throw Problems.invalid("scheduledAt", JobProblem.ACTION_SCHEDULED_AT_REQUIRED);
            }
            input.scheduledAt(action.scheduledAt());
        }
        if (action.kind() == JobAction.Kind.PRIORITY) {
            if (action.priority() == null && !dryRun) {
                throw Problems.invalid("priority", JobProblem.ACTION_PRIORITY_REQUIRED);
            }
            if (action.priority() != null) {
                input.priority(action.priority());
            }
        }
        input.throwIfInvalid("The action could not be applied");
    }

    /** {@code cancel}, {@code retry}, {@code reschedule} or {@code priority}, any case; 400 otherwise. */
    public static JobAction.Kind kind(String name) {
        Set<String> names = Arrays.stream(JobAction.Kind.values()).map(JobAction.Kind::apiName).collect(Collectors.toSet());
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (!names.contains(wanted)) {
            throw Problems.invalid("action", JobProblem.ACTION, name);
        }
        return JobAction.Kind.valueOf(wanted.toUpperCase(Locale.ROOT));
    }
}

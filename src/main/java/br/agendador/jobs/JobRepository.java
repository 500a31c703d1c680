package br.agendador.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.jobs.queue.JobCounts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The jobs table, in explicit SQL. */
@Repository
class JobRepository {

    static final String COLUMNS = """
            id, user_id, cnpj, status, priority, label, recurrence, scheduled_at, created_at, updated_at,
            started_at, finished_at, attempt, retry_base, last_error, result, bulk_import_id""";

    /** Lock key space of {@code pg_advisory_xact_lock(int, int)} for bulk imports, per user. */
    private static final int BULK_IMPORT_LOCK = 0x4a6f6273;

    /** Rows per round trip of {@link #stream}. */
    private static final int STREAM_FETCH = 1_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Job insert(Job job) {
        return jdbc.sql("""
                        INSERT INTO jobs (user_id, cnpj, status, priority, label, recurrence, scheduled_at, created_at,
                                          updated_at, attempt, retry_base)
                        VALUES (:user, :cnpj, :status, :priority, :label, :recurrence, :scheduledAt, :createdAt,
                                :updatedAt, :attempt, :retryBase)
                        RETURNING\s""" + COLUMNS)
                .param("user", job.userId()).param("cnpj", job.cnpj().value()).param("status", job.status().name())
                .param("priority", job.priority()).param("label", job.label())
                .param("recurrence", job.recurrence().name()).param("scheduledAt", timestamp(job.scheduledAt()))
                .param("createdAt", timestamp(job.createdAt())).param("updatedAt", timestamp(job.updatedAt()))
                .param("attempt", job.attempt()).param("retryBase", job.retryBase())
                .query(JobRepository::job).single();
    }

    /**
     * The user's job, locked until the transaction ends: a worker's claim skips it meanwhile
     * ({@code SKIP LOCKED}), so an edit and a claim never both win.
     */
    Optional<Job> lock(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND user_id = ? FOR UPDATE")
                .params(id, userId).query(JobRepository::job).optional();
    }

    /**
     * Writes back what a person may change; the dispatcher's columns (lease, worker) are left alone.
     * A change of status (cancel, retry) moves the status counters in the same statement.
     */
    void update(Job job) {
        jdbc.sql("""
                        WITH previous AS (SELECT user_id, status FROM jobs WHERE id = :id),
                        updated AS (
                            UPDATE jobs
                               SET cnpj = :cnpj, status = :status, priority = :priority, label = :label,
                                   recurrence = :recurrence, scheduled_at = :scheduledAt, updated_at = :updatedAt,
                                   started_at = :startedAt, finished_at = :finishedAt, retry_base = :retryBase,
                                   last_error = :lastError, result = CAST(:result AS jsonb),
                                   bulk_import_id = :bulkImportId
                             WHERE id = :id
                         RETURNING user_id, status
                        ),
                        moved AS (
                            SELECT p.user_id, p.status AS old_status, u.status AS new_status FROM previous p, updated u
                        ),
                        """ + JobCounts.moved("moved", "old_status", "new_status") + """
                        SELECT count(*) FROM updated""")
                .param("id", job.id()).param("cnpj", job.cnpj().value()).param("status", job.status().name())
                .param("priority", job.priority()).param("label", job.label())
                .param("recurrence", job.recurrence().name()).param("scheduledAt", timestamp(job.scheduledAt()))
                .param("updatedAt", timestamp(job.updatedAt())).param("startedAt", timestamp(job.startedAt()))
                .param("finishedAt", timestamp(job.finishedAt())).param("retryBase", job.retryBase())
                .param("lastError", job.lastError()).param("result", job.result())
                .param("bulkImportId", job.bulkImportId())
                .query(Long.class).single();
    }

    Optional<JobDetails> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").param(id).query(this::details).optional();
    }

    Optional<JobDetails> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND user_id = ?").params(id, userId)
                .query(this::details).optional();
    }

    List<JobDetails> finishedBetween(long userId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM jobs
                        WHERE user_id = ? AND finished_at >= ? AND finished_at < ?
                        ORDER BY finished_at, id""")
                .params(userId, timestamp(from), timestamp(to))
                .query(this::details).list();
    }

    boolean hasSucceeded(long userId, String cnpj) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM job_search s JOIN jobs j ON j.id = s.id
                                        WHERE s.user_id = ? AND s.cnpj = ? AND j.status = 'SUCCEEDED')""")
                .params(userId, cnpj).query(Boolean.class).single();
    }

    JobQueries.ExpiredLeases expiredLeases() {
        return jdbc.sql("""
                        SELECT count(*) AS expired,
                               coalesce(extract(epoch FROM now() - min(lease_until)), 0)::float8 AS overdue_seconds
                          FROM jobs
                         WHERE status = 'RUNNING' AND lease_until < now()""")
                .query((rs, row) -> new JobQueries.ExpiredLeases(rs.getLong("expired"),
                        Duration.ofMillis(Math.round(rs.getDouble("overdue_seconds") * 1000))))
                .single();
    }

    List<JobAttempt> attempts(long jobId) {
        return jdbc.sql("""
                        SELECT attempt, worker_id, started_at, finished_at, outcome, provider, error
                          FROM job_attempts_so_far WHERE job_id = ? ORDER BY attempt""")
                .param(jobId)
                .query((rs, n) -> new JobAttempt(rs.getInt("attempt"), rs.getString("worker_id"),
                        instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"),
                        rs.getString("provider"), rs.getString("error")))
                .list();
    }

    /** Serialises bulk imports of one user, so two uploads cannot both add the same CNPJ. */
    void lockBulkImports(long userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(BULK_IMPORT_LOCK, (int) userId).query().singleRow();
    }

    /** Of these CNPJs, those the user already has a SCHEDULED job for, with the oldest such job. */
    Map<String, Long> scheduledAmong(long userId, Collection<String> cnpjs) {
        if (cnpjs.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT s.cnpj, min(s.id) AS id FROM job_search s JOIN jobs j ON j.id = s.id
                         WHERE s.user_id = ? AND s.cnpj = ANY (?) AND j.status = 'SCHEDULED'
                         GROUP BY s.cnpj""")
                .params(userId, new SqlArrayValue("text", cnpjs.toArray()))
                .query((ResultSet rs) -> {
                    Map<String, Long> found = new java.util.HashMap<>();
                    while (rs.next()) {
                        found.put(rs.getString("cnpj"), rs.getLong("id"));
                    }
                    return found;
                });
    }

    /** Records an upload of {@code jobs} jobs; answers its id, for {@link #insertAll}. */
    long insertBulkImport(long userId, int jobs, Instant now) {
        return jdbc.sql("INSERT INTO bulk_imports (user_id, created_at, jobs) VALUES (?, ?, ?) RETURNING id")
                .params(userId, timestamp(now), jobs).query(Long.class).single();
    }

    Optional<Long> bulkImportOf(long jobId) {
        return jdbc.sql("SELECT bulk_import_id FROM jobs WHERE id = ? AND bulk_import_id IS NOT NULL").param(jobId)
                .query(Long.class).optional();
    }

    /** The bulk import of each of {@code jobIds} that came from one; the others are left out. */
    Map<Long, Long> bulkImportsOf(Collection<Long> jobIds) {
        Map<Long, Long> imports = new HashMap<>();
        jdbc.sql("SELECT id, bulk_import_id FROM jobs WHERE id = ANY (?) AND bulk_import_id IS NOT NULL")
                .param(jobIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    imports.put(rs.getLong("id"), rs.getLong("bulk_import_id"));
                });
        return imports;
    }

    boolean bulkImportEnded(long bulkImportId) {
        return jdbc.sql("""
                        SELECT NOT EXISTS (SELECT 1 FROM jobs
                                            WHERE bulk_import_id = ? AND status IN ('SCHEDULED', 'RUNNING'))""")
                .param(bulkImportId).query(Boolean.class).single();
    }

    Optional<BulkImportReport> bulkImport(long bulkImportId) {
        record Upload(long userId, Instant createdAt, int jobs) {
        }
        Optional<Upload> upload = jdbc.sql("SELECT user_id, created_at, jobs FROM bulk_imports WHERE id = ?")
                .param(bulkImportId)
                .query((rs, n) -> new Upload(rs.getLong("user_id"), instant(rs, "created_at"), rs.getInt("jobs")))
                .optional();
        if (upload.isEmpty()) {
            return Optional.empty();
        }
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        long[] changed = new long[1];
        Instant[] lastFinished = new Instant[1];
        jdbc.sql("""
                        SELECT status, count(*) AS jobs, max(finished_at) AS last_finished,
                               count(*) FILTER (WHERE status = 'SUCCEEDED'
                                                  AND jsonb_array_length(result -> 'changes') > 0) AS changed
                          FROM jobs WHERE bulk_import_id = ? GROUP BY status""")
                .param(bulkImportId)
                .query((RowCallbackHandler) rs -> {
                    counts.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs"));
                    changed[0] += rs.getLong("changed");
                    Instant finished = instant(rs, "last_finished");
                    if (finished != null && (lastFinished[0] == null || finished.isAfter(lastFinished[0]))) {
                        lastFinished[0] = finished;
                    }
                });
        List<JobDetails> changedJobs = jdbc.sql("SELECT " + COLUMNS + """
                         FROM jobs
                        WHERE bulk_import_id = ? AND status = 'SUCCEEDED' AND jsonb_array_length(result -> 'changes') > 0
                        ORDER BY id LIMIT ?""")
                .params(bulkImportId, BulkImportReport.LISTED).query(this::details).list();
        List<JobDetails> problems = jdbc.sql("SELECT " + COLUMNS + """
                         FROM jobs
                        WHERE bulk_import_id = ? AND status IN ('NOT_FOUND', 'FAILED')
                        ORDER BY id LIMIT ?""")
                .params(bulkImportId, BulkImportReport.LISTED).query(this::details).list();
        Upload found = upload.get();
        return Optional.of(new BulkImportReport(bulkImportId, found.userId(), found.createdAt(), found.jobs(), counts,
                changedJobs, changed[0], problems, lastFinished[0]));
    }

    /** Inserts all the jobs of a bulk import in one statement; answers their ids and CNPJs. */
    List<JobsScheduled.ScheduledJob> insertAll(long userId, long bulkImportId, List<Job> jobs, Instant now) {
        int n = jobs.size();
        String[] cnpjs = new String[n];
        Integer[] priorities = new Integer[n];
        String[] labels = new String[n];
        String[] recurrences = new String[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            Job job = jobs.get(i);
            cnpjs[i] = job.cnpj().value();
            priorities[i] = job.priority();
            labels[i] = job.label();
            recurrences[i] = job.recurrence().name();
            // Text with 'Z', cast by the server: no session or JVM time zone gets in between.
            times[i] = job.scheduledAt().toString();
        }
        return jdbc.sql("""
                        WITH rows AS (
                            SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[])
                                   WITH ORDINALITY AS r(cnpj, priority, label, recurrence, scheduled_at, position)),
                        inserted AS (
                            INSERT INTO jobs (user_id, cnpj, status, priority, label, recurrence, scheduled_at,
                                              created_at, updated_at, bulk_import_id)
                            SELECT ?, cnpj, 'SCHEDULED', priority, label, recurrence, scheduled_at::timestamptz, ?, ?, ?
                              FROM rows ORDER BY position
                            RETURNING id, cnpj)
                        SELECT id, cnpj FROM inserted ORDER BY id""")
                .params(new SqlArrayValue("text", (Object[]) cnpjs), new SqlArrayValue("int4", (Object[]) priorities),
                        new SqlArrayValue("text", (Object[]) labels), new SqlArrayValue("text", (Object[]) recurrences),
                        new SqlArrayValue("text", (Object[]) times), userId, timestamp(now), timestamp(now),
                        bulkImportId)
                .query((rs, row) -> new JobsScheduled.ScheduledJob(rs.getLong("id"), rs.getString("cnpj"))).list();
    }

    /**
     * The rest of this transaction plans each statement for its parameters' values rather than
     * reusing a plan made for any values (which PostgreSQL does after a statement's fifth run).
     */
    void planForTheValuesGiven() {
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
    }

    JobPage page(JobListQuery query, int page, int size) {
        List<JobDetails> content = content(query, page, size);
        long total;
        if (content.size() < size && (page == 0 || !content.isEmpty())) {
            // A partial page is the last one (an empty first page, the only one): the total needs no counting.
            total = (long) page * size + content.size();
        } else {
            total = count(query);
        }
        return new JobPage(content, page, size, total);
    }

    List<JobDetails> content(JobListQuery query, int page, int size) {
        return jdbc.sql(query.selectSql()).params(query.params())
                .param("limit", size).param("offset", (long) page * size)
                .query(this::details).list();
    }

    /**
     * Every job of the list, one at a time, read from a cursor {@value #STREAM_FETCH} rows at a
     * time (inside the caller's transaction, which PostgreSQL needs for a cursor): memory does not
     * grow with the list.
     */
    void stream(JobListQuery query, Consumer<JobDetails> each) {
        jdbc.sql(query.exportSql()).params(query.params()).withFetchSize(STREAM_FETCH)
                .query((RowCallbackHandler) rs -> each.accept(details(rs, 0)));
    }

    long count(JobListQuery query) {
        return jdbc.sql(query.countSql()).params(query.params()).query(Long.class).single();
    }

    /** The user's jobs per status, from the exact counters the list totals use. */
    Map<JobStatus, Long> countPerStatus(long userId) {
        Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
        jdbc.sql("SELECT status, sum(jobs) AS jobs FROM job_status_counts WHERE user_id = ? GROUP BY status")
                .param(userId)
                .query((RowCallbackHandler) rs -> counts.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")));
        return counts;
    }

    /** Jobs per local day (in {@code zone}) and status, scheduled in {@code [from, to)}. */
    List<DayCount> countPerDay(long userId, Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                        SELECT (scheduled_at AT TIME ZONE :zone)::date AS day, status, count(*) AS jobs
                          FROM jobs
                         WHERE user_id = :user AND scheduled_at >= :from AND scheduled_at < :to
                         GROUP BY 1, 2""")
                .param("zone", zone.getId()).param("user", userId)
                .param("from", timestamp(from)).param("to", timestamp(to))
                .query((rs, n) -> new DayCount(rs.getObject("day", LocalDate.class),
                        JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")))
                .list();
    }

    record DayCount(LocalDate day, JobStatus status, long jobs) {
    }

    JobDetails details(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result");
        return new JobDetails(rs.getLong("id"), rs.getLong("user_id"), rs.getString("cnpj"),
                JobStatus.valueOf(rs.getString("status")), rs.getInt("priority"), rs.getString("label"),
                Recurrence.valueOf(rs.getString("recurrence")), instant(rs, "scheduled_at"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("attempt"), rs.getString("last_error"),
                result == null ? null : json.readValue(result, CompanySnapshot.class));
    }

    JobDetails toDetails(Job job) {
        return new JobDetails(job.id(), job.userId(), job.cnpj().value(), job.status(), job.priority(), job.label(),
                job.recurrence(), job.scheduledAt(), job.createdAt(), job.startedAt(), job.finishedAt(), job.attempt(),
                job.lastError(), job.result() == null ? null : json.readValue(job.result(), CompanySnapshot.class));
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getLong("id"), rs.getLong("user_id"), new Cnpj(rs.getString("cnpj")),
                JobStatus.valueOf(rs.getString("status")), rs.getInt("priority"), rs.getString("label"),
                Recurrence.valueOf(rs.getString("recurrence")), instant(rs, "scheduled_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("attempt"),
                rs.getInt("retry_base"), rs.getString("last_error"), rs.getString("result"), bulkImportId(rs));
    }

    private static @Nullable Long bulkImportId(ResultSet rs) throws SQLException {
        long id = rs.getLong("bulk_import_id");
        return rs.wasNull() ? null : id;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

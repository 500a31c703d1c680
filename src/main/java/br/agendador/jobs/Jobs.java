package br.agendador.jobs;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.BulkResult.Rejected;
import br.agendador.jobs.Job.IllegalTransitionException;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import br.agendador.platform.problem.Problems.FieldProblem;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * What people do with their jobs: schedule one or thousands, list and search them, change,
 * cancel and retry them. The REST API and the web pages both go through here. Every operation
 * takes the user it acts for and only ever sees that user's jobs: another user's job is "not
 * found". Bad input and illegal changes throw {@link org.springframework.web.ErrorResponseException}s
 * (400, 404, 409, 413, 422) whose detail can be shown to the person as it is.
 *
 * <p>Each change publishes its event ({@link JobScheduled}, {@link JobRescheduled}, {@link
 * JobCanceled}) in the transaction that makes it, so the event exists iff the change committed.
 */
@Service
public class Jobs {

    public static final int MAX_BULK_ROWS = 10_000;
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** The widest period the statistics cover at once. */
    public static final int MAX_STATS_DAYS = 366;
    private static final int DEFAULT_STATS_DAYS = 30;

    private final JobRepository jobs;
    private final IdempotencyKeys keys;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    /** Counts a text search while its page is read. */
    private final Executor searches = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("job-search-", 0).factory());
    private final Clock clock;

    Jobs(JobRepository jobs, IdempotencyKeys keys, UserAccounts users, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.keys = keys;
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Schedules one job; 400 naming every invalid field. */
    @Transactional
    public JobDetails create(long userId, NewJob request) {
        return jobs.toDetails(insert(userId, request));
    }

    /**
     * Schedules one job unless the same key was used within 24 hours: then the same request
     * answers the job created then ({@code replayed}), and a different request is refused (422).
     */
    public CreatedJob create(long userId, NewJob request, String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        byte[] fingerprint = IdempotencyKeys.fingerprint(request);
        Optional<CreatedJob> earlier = replay(userId, key, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<CreatedJob> created = transactions.execute(status -> {
            Job job = insert(userId, request);
            if (!keys.record(userId, key, fingerprint, job.id(), job.createdAt())) {
                // A twin request recorded the key while this one ran: undo, answer as it did.
                status.setRollbackOnly();
                return Optional.empty();
            }
            return Optional.of(new CreatedJob(jobs.toDetails(job), false));
        });
        return created.or(() -> replay(userId, key, fingerprint))
                .orElseThrow(() -> Problems.conflict(JobProblem.IDEMPOTENCY_IN_PROGRESS, key));
    }

    private Optional<CreatedJob> replay(long userId, String key, byte[] fingerprint) {
        return keys.find(userId, key, clock.instant()).map(stored -> {
            if (!stored.matches(fingerprint)) {
                ErrorResponseException reused = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, JobProblem.IDEMPOTENCY_REUSED,
                        key, stored.jobId());
                reused.getBody().setProperty("jobId", stored.jobId());
                throw reused;
            }
            return new CreatedJob(jobs.find(userId, stored.jobId()).orElseThrow(), true);
        });
    }

    private Job insert(long userId, NewJob request) {
        JobInput input = new JobInput(clock);
        Cnpj cnpj = input.cnpj(request.cnpj());
        Instant scheduledAt = input.scheduledAt(request.scheduledAt());
        int priority = input.priority(request.priority());
        String label = input.label(request.label());
        Recurrence recurrence = request.recurrence() == null ? Recurrence.NONE : request.recurrence();
        input.throwIfInvalid("The job could not be scheduled");
        Job job = jobs.insert(Job.schedule(userId, cnpj, scheduledAt, priority, label, recurrence, clock));
        events.publishEvent(new JobScheduled(job.id(), userId, job.cnpj().value(), job.createdAt()));
        return job;
    }

    private static String checkKey(String key) {
        if (key.isBlank() || key.length() > IdempotencyKeys.MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw Problems.invalid("Idempotency-Key", JobProblem.IDEMPOTENCY_KEY, IdempotencyKeys.MAX_KEY_LENGTH);
        }
        return key;
    }

    /** Reads a CSV file (see {@link CsvJobRows}) and schedules its rows as {@link #bulk} does. */
    public BulkResult bulkCsv(long userId, byte[] csv) {
        return bulk(userId, CsvJobRows.read(csv, MAX_BULK_ROWS));
    }

    /**
     * Schedules up to {@link #MAX_BULK_ROWS} jobs at once, all or none of the valid rows: rows
     * that are invalid, repeat a CNPJ of an earlier row, or name a CNPJ the user already has a
     * SCHEDULED job for are rejected with their line and why; the others are created in one
     * transaction. More rows than allowed: 413 and nothing is stored.
     */
    public BulkResult bulk(long userId, List<BulkRow> rows) {
        return bulk(userId, new ParsedRows(rows, List.of()));
    }

    BulkResult bulk(long userId, ParsedRows parsed) {
        checkBulkSize(parsed.count());
        List<BulkRow> rows = parsed.rows();
        List<Rejected> malformed = parsed.malformed();
        if (rows.isEmpty() && malformed.isEmpty()) {
            throw Problems.badRequest(JobProblem.BULK_NO_ROWS);
        }
        List<Rejected> rejected = new ArrayList<>(malformed);
        Map<String, Integer> firstLine = new HashMap<>();
        List<Job> accepted = new ArrayList<>(rows.size());
        List<BulkRow> acceptedRows = new ArrayList<>(rows.size());
        for (BulkRow row : rows) {
            JobInput input = new JobInput(clock);
            Cnpj cnpj = input.cnpj(row.cnpj());
            Instant scheduledAt = input.scheduledAt(row.scheduledAt());
            int priority = input.priority(row.priority());
            String label = input.label(row.label());
            Recurrence recurrence = input.recurrence(row.recurrence());
            if (!input.valid() || cnpj == null) {
                rejected.add(new Rejected(row.line(), row.cnpj(), input.errors()));
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(cnpj.value(), row.line());
            if (earlier != null) {
                rejected.add(Rejected.of(row.line(), cnpj.value(), FieldProblem.of("cnpj", JobProblem.BULK_REPEATED, earlier)));
                continue;
            }
            accepted.add(Job.schedule(userId, cnpj, scheduledAt, priority, label, recurrence, clock));
            acceptedRows.add(row);
        }
        int created = transactions.execute(status -> {
            jobs.lockBulkImports(userId);
            Map<String, Long> scheduled = jobs.scheduledAmong(userId, firstLine.keySet());
            List<Job> fresh = new ArrayList<>(accepted.size());
            for (int i = 0; i < accepted.size(); i++) {
                Job job = accepted.get(i);
                Long existing = scheduled.get(job.cnpj().value());
                if (existing == null) {
                    fresh.add(job);
                } else {
                    rejected.add(Rejected.of(acceptedRows.get(i).line(), job.cnpj().value(),
                            FieldProblem.of("cnpj", JobProblem.BULK_ALREADY_SCHEDULED, existing)));
                }
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            Instant now = Job.micros(clock.instant());
            long bulkImport = jobs.insertBulkImport(userId, fresh.size(), now);
            events.publishEvent(new JobsScheduled(userId, jobs.insertAll(userId, bulkImport, fresh, now), now));
            return fresh.size();
        });
        rejected.sort(Comparator.comparingInt(Rejected::line));
        return new BulkResult(created, rejected);
    }

    private static void checkBulkSize(int rows) {
        if (rows > MAX_BULK_ROWS) {
            ErrorResponseException tooMany = Problems.of(HttpStatus.CONTENT_TOO_LARGE, JobProblem.BULK_TOO_MANY_ROWS, MAX_BULK_ROWS);
            tooMany.getBody().setProperty("maxRows", MAX_BULK_ROWS);
            throw tooMany;
        }
    }

    /** The user's job; 404 when there is none (or it is someone else's). */
    public JobDetails get(long userId, long jobId) {
        return jobs.find(userId, jobId).orElseThrow(() -> notFound(jobId));
    }

    /** Every run of the user's job, oldest first; 404 as {@link #get}. */
    public List<JobAttempt> attempts(long userId, long jobId) {
        get(userId, jobId);
        return jobs.attempts(jobId);
    }

    /** One page of the user's jobs. */
    public JobPage list(long userId, JobFilter filter, JobSort sort, int page, int size) {
        return page(userId, filter, sort, page, size);
    }

    /** One page of everyone's jobs, or of one owner's (administrators). */
    public JobPage listAll(@Nullable Long ownerId, JobFilter filter, JobSort sort, int page, int size) {
        return page(ownerId, filter, sort, page, size);
    }

    private JobPage page(@Nullable Long userId, JobFilter filter, JobSort sort, int page, int size) {
        if (page < 0) {
            throw Problems.invalid("page", RequestProblem.PAGE_NEGATIVE, page);
        }
        if (size < 1) {
            throw Problems.invalid("size", JobProblem.SIZE_TOO_SMALL, size);
        }
        int pageSize = Math.min(size, MAX_PAGE_SIZE);
        if ((long) page * pageSize > Integer.MAX_VALUE) {
            throw Problems.invalid("page", JobProblem.PAGE_TOO_FAR);
        }
        JobListQuery query = JobListQuery.checked(userId, filter, sort);
        if (!query.searchesText()) {
            return jobs.page(query, page, pageSize);
        }
        // A word in a few labels costs its trigram lookup twice (page and count), a word in every
        // label a count over all the user's jobs: the two statements run side by side, each in a
        // transaction of its own planned for these words (a generic plan cannot tell a word in
        // every label from one in none). README, "Jobs".
        CompletableFuture<Long> total = CompletableFuture.supplyAsync(() -> plannedForTheWords(() -> jobs.count(query)),
                searches);
        List<JobDetails> content = plannedForTheWords(() -> jobs.content(query, page, pageSize));
        try {
            return new JobPage(content, page, pageSize, total.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private <T> T plannedForTheWords(Supplier<T> statement) {
        return transactions.execute(status -> {
            jobs.planForTheValuesGiven();
            return statement.get();
        });
    }

    /** Changes a SCHEDULED job (only the fields given); 409 in any other state. */
    @Transactional
    public JobDetails update(long userId, long jobId, JobChange change) {
        Job job = jobs.lock(userId, jobId).orElseThrow(() -> notFound(jobId));
        checkAllowed(job, Job.Change.EDIT);
        JobInput input = new JobInput(clock);
        Cnpj cnpj = change.cnpj() == null ? job.cnpj() : input.cnpj(change.cnpj());
        Instant scheduledAt = change.scheduledAt() == null ? job.scheduledAt() : input.scheduledAt(change.scheduledAt());
        int priority = change.priority() == null ? job.priority() : input.priority(change.priority());
        String label = change.label() == null ? job.label() : input.label(change.label());
        Recurrence recurrence = change.recurrence() == null ? job.recurrence() : change.recurrence();
        input.throwIfInvalid("The job could not be changed");
        Job changed = transition(() -> job.reschedule(cnpj, scheduledAt, priority, label, recurrence, clock));
        jobs.update(changed);
        events.publishEvent(new JobRescheduled(jobId, userId, changed.cnpj().value(), changed.updatedAt()));
        return jobs.toDetails(changed);
    }

    /** Cancels a SCHEDULED job; 409 in any other state. */
    @Transactional
    public JobDetails cancel(long userId, long jobId) {
        Job job = jobs.lock(userId, jobId).orElseThrow(() -> notFound(jobId));
        Job canceled = transition(() -> job.cancel(clock));
        jobs.update(canceled);
        events.publishEvent(new JobCanceled(jobId, userId, canceled.cnpj().value(), canceled.updatedAt()));
        return jobs.toDetails(canceled);
    }

    /** Runs a FAILED or NOT_FOUND job again, now; 409 in any other state. */
    @Transactional
    public JobDetails retry(long userId, long jobId) {
        Job job = jobs.lock(userId, jobId).orElseThrow(() -> notFound(jobId));
        Job retried = transition(() -> job.retry(clock));
        jobs.update(retried);
        events.publishEvent(new JobRescheduled(jobId, userId, retried.cnpj().value(), retried.updatedAt()));
        return jobs.toDetails(retried);
    }

    /** How many jobs the user has in each status, right now (every status, zero included). */
    public Map<JobStatus, Long> countsByStatus(long userId) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        counts.putAll(jobs.countPerStatus(userId));
        return counts;
    }

    /**
     * Jobs per status and per day from {@code from} to {@code to} (inclusive; the user's calendar
     * days), by default the last 30 days up to today.
     */
    public JobStats stats(long userId, @Nullable LocalDate from, @Nullable LocalDate to) {
        ZoneId zone = users.find(userId).map(UserAccount::timeZone).orElse(ZoneId.of("UTC"));
        LocalDate last = to != null ? to : from != null ? from.plusDays(DEFAULT_STATS_DAYS - 1)
                : LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_STATS_DAYS - 1);
        if (last.isBefore(first)) {
            throw Problems.invalid("to", JobProblem.STATS_TO_BEFORE_FROM);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_STATS_DAYS) {
            throw Problems.invalid("to", JobProblem.STATS_TOO_LONG, MAX_STATS_DAYS);
        }
        Instant start;
        Instant end;
        try {
            start = first.atStartOfDay(zone).toInstant();
            end = last.plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw Problems.invalid("from", JobProblem.OUT_OF_RANGE, first);
        }
        Map<LocalDate, Map<JobStatus, Long>> perDay = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            perDay.put(day, new EnumMap<>(JobStatus.class));
        }
        Map<JobStatus, Long> totals = new EnumMap<>(JobStatus.class);
        for (JobRepository.DayCount count : jobs.countPerDay(userId, start, end, zone)) {
            perDay.computeIfAbsent(count.day(), d -> new EnumMap<>(JobStatus.class)).merge(count.status(), count.jobs(), Long::sum);
            totals.merge(count.status(), count.jobs(), Long::sum);
        }
        List<JobStats.Day> days = perDay.entrySet().stream()
                .map(e -> new JobStats.Day(e.getKey(), e.getValue(),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum()))
                .toList();
        return new JobStats(first, last, zone.getId(), totals,
                totals.values().stream().mapToLong(Long::longValue).sum(), days);
    }

    private static void checkAllowed(Job job, Job.Change change) {
        transition(() -> {
            change.check(job);
            return job;
        });
    }

    private static Job transition(java.util.function.Supplier<Job> change) {
        try {
            return change.get();
        } catch (IllegalTransitionException e) {
            throw Problems.conflict(JobProblem.ILLEGAL_CHANGE, e.arguments());
        }
    }

    private static RuntimeException notFound(long jobId) {
        return Problems.notFound(JobProblem.NOT_FOUND, jobId);
    }
}

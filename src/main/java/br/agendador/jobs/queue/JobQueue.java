package br.agendador.jobs.queue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import br.agendador.users.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;

/**
 * The jobs table as a queue: every statement a run makes on a job (claim, heartbeat, finish,
 * release, recovery of expired leases, the next occurrence of a recurring job) lives here, in the
 * module that owns {@code jobs}, and the {@code dispatch} module only decides when to call them.
 * A change and its events, status counters and attempt row commit together, on a small pool of
 * connections of the queue's own, so API traffic can never keep a worker from claiming,
 * finishing or renewing a lease.
 */
@NamedInterface("queue")
public final class JobQueue implements AutoCloseable {

    /** What {@code NOTIFY} is sent on when a job becomes due soon ({@code V20__dispatch.sql}). */
    public static final String DUE_CHANNEL = DueJobsListener.CHANNEL;

    private final QueueTransactions transactions;
    private final Claims claims;
    private final Finisher finisher;
    private final Leases leases;
    private final LeaseRecovery recovery;
    private final QueueSampling sampling;
    private final DueJobsListener listener;

    /**
     * @param poolSize connections of the queue's own pool
     * @param lease how long a claim holds a job without a heartbeat (database clock)
     * @param maxRunningPerUser a user's share while other users have due jobs
     * @param maxAttempts tries of a run before a taken-back job ends FAILED
     * @param defaultZone for the next occurrence of a recurring job whose owner has no zone
     */
    public record Settings(int poolSize, Duration lease, int maxRunningPerUser, int maxAttempts, ZoneId defaultZone) {
    }

    /** How a recovery pass went: jobs put back in the queue, jobs ended FAILED (their tries used up). */
    public record Recovery(int requeued, int failed) {
    }

    /**
     * The queue at a glance: due jobs, the age of the oldest one, running jobs and running jobs
     * past their lease.
     */
    public record Sample(long due, Duration oldestDue, long running, long expired) {
    }

    private final ApplicationEventPublisher events;
    private final UserAccounts users;
    private final boolean ownsConnections;

    public JobQueue(DataSource dataSource, Settings settings, ApplicationEventPublisher events, UserAccounts users) {
        this(new QueueTransactions(dataSource, settings.poolSize()), true, settings, events, users);
    }

    private JobQueue(QueueTransactions transactions, boolean ownsConnections, Settings settings,
            ApplicationEventPublisher events, UserAccounts users) {
        this.transactions = transactions;
        this.ownsConnections = ownsConnections;
        this.events = events;
        this.users = users;
        Recurrences recurrences = new Recurrences(users, settings.defaultZone());
        this.claims = new Claims(transactions, events, settings.maxRunningPerUser(), settings.lease());
        this.finisher = new Finisher(transactions, events, recurrences);
        this.leases = new Leases(transactions, settings.lease());
        this.recovery = new LeaseRecovery(transactions, events, recurrences, settings.maxAttempts());
        this.sampling = new QueueSampling(transactions);
        this.listener = new DueJobsListener(transactions);
    }

    /** Claims up to {@code limit} due jobs for {@code workerId}, best first, fairly across users. */
    public List<ClaimedJob> claim(String workerId, int limit) {
        return claims.claim(workerId, limit);
    }

    /** How long until the next job that is not due yet becomes due; empty when there is none. */
    public Optional<Duration> untilNextDue() {
        return claims.untilNextDue();
    }

    /**
     * Records how {@code workerId}'s runs ended; returns the completions accepted (the others were
     * fenced out: the job was taken back from this worker).
     */
    public List<Completion> finish(String workerId, List<Completion> batch) {
        return finisher.finish(workerId, batch);
    }

    /** Extends the leases of the jobs still running; returns the ids still held (the others were taken back). */
    public Set<Long> renew(List<ClaimedJob> running) {
        return leases.renew(running);
    }

    /** Gives {@code workerId}'s jobs back to the queue without counting the try; returns how many were still held. */
    public int release(String workerId, List<ClaimedJob> jobs) {
        return leases.release(workerId, jobs);
    }

    /** Takes back every job whose lease has expired (safe in several processes at once). */
    public Recovery recoverExpiredLeases() {
        return recovery.recoverExpiredLeases();
    }

    public Sample sample() {
        return sampling.sample();
    }

    /**
     * Listens for jobs that become due soon until {@code keepGoing} turns false, calling
     * {@code dueSoon} for each notification and once on connecting; throws when the connection fails.
     */
    public void listenForDueJobs(BooleanSupplier keepGoing, Runnable dueSoon) throws SQLException {
        listener.listen(keepGoing, dueSoon);
    }

    /**
     * The same queue, on the same connections, with other settings (a shorter lease, another
     * share): for tests and tools. Closing it closes nothing; the original owns the connections.
     */
    public JobQueue withSettings(Settings settings) {
        return new JobQueue(transactions, false, settings, events, users);
    }

    QueueTransactions transactions() {
        return transactions;
    }

    @Override
    public void close() {
        if (ownsConnections) {
            transactions.close();
        }
    }
}

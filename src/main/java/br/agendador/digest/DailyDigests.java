package br.agendador.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobQueries;
import br.agendador.jobs.JobStatus;
import br.agendador.notifications.MailOutbox;
import br.agendador.notifications.MailTemplates;
import br.agendador.notifications.RenderedMail;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the digests that are due. For each user who wants one, the digest due is that of the
 * latest local date whose digest time has passed, so a pass after downtime still sends the
 * missed one (once); it reports the jobs that finished between the previous local date's digest
 * time and this one's, so no job is reported twice or skipped, whatever the length of the day
 * (23 or 25 hours when the clocks change).
 *
 * <p>The digest row and the digest's mail are written in one transaction, and the row's key
 * (user, local date) lets only one scheduler process write it.
 */
@Service
class DailyDigests {

    private static final Logger log = LoggerFactory.getLogger(DailyDigests.class);
    /** In the order the digest shows them. */
    private static final List<JobStatus> OUTCOMES =
            List.of(JobStatus.SUCCEEDED, JobStatus.NOT_FOUND, JobStatus.FAILED, JobStatus.CANCELED);

    private final UserAccounts users;
    private final JobQueries jobs;
    private final DigestRecords records;
    private final MailTemplates templates;
    private final MailOutbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DigestTime time;

    DailyDigests(UserAccounts users, JobQueries jobs, DigestRecords records, MailTemplates templates,
            MailOutbox outbox, TransactionTemplate transactions, Clock clock, DigestSettings settings) {
        this.users = users;
        this.jobs = jobs;
        this.records = records;
        this.templates = templates;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.time = new DigestTime(settings.time());
    }

    /**
     * Writes every digest due now and not yet written.
     *
     * @return the digests written (users with nothing to report get none) and when the next one
     *     falls due
     */
    Pass runDuePass() {
        Instant now = clock.instant();
        List<UserAccount> readers = new ArrayList<>(users.withDailyDigest());
        if (readers.isEmpty()) {
            return new Pass(0, null);
        }
        // Several scheduler processes then mostly take different users instead of queueing
        // behind each other's uncommitted claims.
        Collections.shuffle(readers);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Set<DigestRecords.Handled> handled = records.handledBetween(today.minusDays(2), today.plusDays(1));
        int written = 0;
        Instant nextDue = null;
        for (UserAccount reader : readers) {
            LocalDate date = time.lastDue(reader.timeZone(), now);
            if (!handled.contains(new DigestRecords.Handled(reader.id(), date))) {
                try {
                    if (write(reader, date)) {
                        written++;
                    }
                } catch (RuntimeException e) {
                    // One user's failure must not hold back the others; the next pass retries it.
                    log.warn("Digest of {} for user {} failed: {}", date, reader.id(), e.toString());
                }
            }
            Instant next = time.nextDue(reader.timeZone(), now);
            if (nextDue == null || next.isBefore(nextDue)) {
                nextDue = next;
            }
        }
        if (written > 0) {
            log.info("Wrote {} daily digests", written);
        }
        return new Pass(written, nextDue);
    }

    /** Writes the user's digest of {@code date} unless another process did; false when there was nothing to report. */
    boolean write(UserAccount reader, LocalDate date) {
        Boolean written = transactions.execute(status -> {
            if (!records.claim(reader.id(), date, clock.instant())) {
                return false;
            }
            Instant to = time.dueAt(date, reader.timeZone());
            Instant from = time.dueAt(date.minusDays(1), reader.timeZone());
            // A job retried since it finished is reported when its new run ends.
            List<JobDetails> finished = jobs.finishedBetween(reader.id(), from, to).stream()
                    .filter(job -> job.status().isFinished()).toList();
            if (finished.isEmpty()) {
                return false;
            }
            records.recordJobs(reader.id(), date, finished.size());
            outbox.enqueue("digest:" + reader.id() + ":" + date, reader, render(reader, date, from, to, finished));
            return true;
        });
        return Boolean.TRUE.equals(written);
    }

    int forgetOlderThan(LocalDate date) {
        return records.forgetBefore(date);
    }

    private RenderedMail render(UserAccount reader, LocalDate date, Instant from, Instant to, List<JobDetails> finished) {
        Map<JobStatus, List<JobDetails>> byOutcome = new EnumMap<>(JobStatus.class);
        for (JobDetails job : finished) {
            byOutcome.computeIfAbsent(job.status(), s -> new ArrayList<>()).add(job);
        }
        List<Group> groups = OUTCOMES.stream().filter(byOutcome::containsKey)
                .map(outcome -> new Group(outcome.name(), byOutcome.get(outcome))).toList();
        return templates.render("digest/daily", reader, "digest.subject",
                List.of(finished.size(), templates.format(reader).date(date)),
                Map.of("date", date, "from", from, "to", to, "total", finished.size(), "groups", groups));
    }

    /** The jobs of one outcome, for the template. */
    record Group(String outcome, List<JobDetails> jobs) {

        public int count() {
            return jobs.size();
        }
    }

    record Pass(int digests, @Nullable Instant nextDue) {
    }
}

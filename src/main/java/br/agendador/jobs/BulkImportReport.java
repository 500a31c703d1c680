package br.agendador.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a bulk import's jobs stand, for its summary mails. Jobs retried alone since the upload
 * have left it and are not counted.
 *
 * @param uploaded how many jobs the upload created
 * @param counts the jobs still in the import, by status (every status, zero included)
 * @param changed SUCCEEDED jobs whose lookup found changes, the first {@link #LISTED} by id
 * @param changedCount all of them
 * @param problems NOT_FOUND and FAILED jobs, the first {@link #LISTED} by id
 * @param lastFinishedAt when the last of its jobs ended, if any did
 */
public record BulkImportReport(long id, long userId, Instant createdAt, int uploaded, Map<JobStatus, Long> counts,
        List<JobDetails> changed, long changedCount, List<JobDetails> problems, @Nullable Instant lastFinishedAt) {

    /** Jobs named one by one in a summary; the rest are counted and found in the app. */
    public static final int LISTED = 50;

    public BulkImportReport {
        counts = Map.copyOf(counts);
        changed = List.copyOf(changed);
        problems = List.copyOf(problems);
    }

    public long count(JobStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    public long succeeded() {
        return count(JobStatus.SUCCEEDED);
    }

    public long notFound() {
        return count(JobStatus.NOT_FOUND);
    }

    public long failed() {
        return count(JobStatus.FAILED);
    }

    public long canceled() {
        return count(JobStatus.CANCELED);
    }

    /** NOT_FOUND and FAILED jobs, all of them. */
    public long problemCount() {
        return notFound() + failed();
    }

    /** Changed jobs the summary counts but does not name. */
    public long changedNotListed() {
        return changedCount - changed.size();
    }

    /** Failed or not-found jobs the summary counts but does not name. */
    public long problemsNotListed() {
        return problemCount() - problems.size();
    }

    /** Jobs still in the import. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Something its owner should look at: a failure, a CNPJ not found, or a change. */
    public boolean needsAttention() {
        return changedCount > 0 || problemCount() > 0;
    }
}

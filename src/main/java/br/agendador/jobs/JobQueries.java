package br.agendador.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Read access to jobs for the other modules, whoever owns them. */
@Service
public class JobQueries {

    private final JobRepository jobs;

    JobQueries(JobRepository jobs) {
        this.jobs = jobs;
    }

    public Optional<JobDetails> find(long jobId) {
        return jobs.find(jobId);
    }

    /** The user's jobs that finished (any end state) in {@code [from, to)}, oldest first. */
    public List<JobDetails> finishedBetween(long userId, Instant from, Instant to) {
        return jobs.finishedBetween(userId, from, to);
    }

    /** Every run of the job, oldest first. */
    public List<JobAttempt> attempts(long jobId) {
        return jobs.attempts(jobId);
    }

    /** RUNNING jobs past their lease (workers that died and were not taken back yet), for the health check. */
    public ExpiredLeases expiredLeases() {
        return jobs.expiredLeases();
    }

    /** @param longestOverdue how long past its lease the most overdue one is (zero when there is none) */
    public record ExpiredLeases(long count, Duration longestOverdue) {
    }

    /** The bulk import the job belongs to, if any: one indexed read, without the job's result. */
    public Optional<Long> bulkImportOf(long jobId) {
        return jobs.bulkImportOf(jobId);
    }

    /** The bulk import of each of {@code jobIds} that came from one; the others are left out. */
    public Map<Long, Long> bulkImportsOf(Collection<Long> jobIds) {
        return jobIds.isEmpty() ? Map.of() : jobs.bulkImportsOf(jobIds);
    }

    /** Whether every job still in the bulk import has ended (none waits or runs). */
    public boolean bulkImportEnded(long bulkImportId) {
        return jobs.bulkImportEnded(bulkImportId);
    }

    /** The bulk import's jobs by outcome; empty when there is no such import (its owner was deleted). */
    public Optional<BulkImportReport> bulkImport(long bulkImportId) {
        return jobs.bulkImport(bulkImportId);
    }

    /** Whether the user has a SUCCEEDED job for this CNPJ: the companies API shows only companies the user looked up. */
    public boolean hasSucceeded(long userId, String cnpj) {
        return jobs.hasSucceeded(userId, cnpj);
    }
}

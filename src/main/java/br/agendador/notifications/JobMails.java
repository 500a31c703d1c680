package br.agendador.notifications;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.jobs.JobCanceled;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobEvent;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobQueries;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.JobSucceeded;
import br.agendador.jobs.JobsChanged;
import br.agendador.jobs.JobsFinished;
import br.agendador.jobs.JobsStarted;
import br.agendador.users.JobMailChoice;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Writes the two mails of a job run: "lookup started" when a worker takes it, and "lookup
 * finished" with the outcome. Each listener runs after the job's transaction committed, from the
 * event publication registry, so it may run again after a crash: the message keys make that
 * harmless.
 *
 * <p>A run that is retried after a transient error (a provider timed out) starts again under a
 * new attempt number; its owner already knows it started, so only the first attempt of a run
 * mails "started". A run begins after the previous one finished (or with the job's first attempt).
 *
 * <p>The owner's {@link JobMailChoice} decides which of these are written at all; the jobs of a
 * bulk import get the import's two summaries ({@link BulkImportMails}) instead.
 */
@Component
class JobMails {

    private static final Logger log = LoggerFactory.getLogger(JobMails.class);

    private final JobQueries jobs;
    private final UserAccounts users;
    private final MailTemplates templates;
    private final MailOutbox outbox;
    private final BulkImportMails bulkImports;

    JobMails(JobQueries jobs, UserAccounts users, MailTemplates templates, MailOutbox outbox,
            BulkImportMails bulkImports) {
        this.jobs = jobs;
        this.users = users;
        this.templates = templates;
        this.outbox = outbox;
        this.bulkImports = bulkImports;
    }

    @ApplicationModuleListener
    void on(JobsStarted batch) {
        started(batch.jobs());
    }

    /** Published one by one before claims were announced in batches; may still wait in the registry. */
    @ApplicationModuleListener
    void on(JobStarted event) {
        started(List.of(event));
    }

    @ApplicationModuleListener
    void on(JobsFinished batch) {
        ended(batch.each());
    }

    @ApplicationModuleListener
    void on(JobSucceeded event) {
        ended(List.of(event));
    }

    @ApplicationModuleListener
    void on(JobNotFound event) {
        ended(List.of(event));
    }

    @ApplicationModuleListener
    void on(JobFailed event) {
        ended(List.of(event));
    }

    /** A canceled job may be the last of its bulk import to end. */
    @ApplicationModuleListener
    void on(JobCanceled event) {
        ended(List.of(event));
    }

    /** Jobs canceled by one action may include the last of a bulk import to end. */
    @ApplicationModuleListener
    void on(JobsChanged batch) {
        if (batch.canceled()) {
            ended(batch.each());
        }
    }

    /**
     * The jobs of a bulk import tell their import, once per import however many of them started
     * together; the others get their own mail.
     */
    private void started(List<JobStarted> events) {
        Map<Long, Long> imports = jobs.bulkImportsOf(events.stream().map(JobStarted::jobId).toList());
        Map<Long, JobStarted> firstOfImport = new LinkedHashMap<>();
        for (JobStarted event : events) {
            Long bulkImport = imports.get(event.jobId());
            if (bulkImport != null) {
                firstOfImport.putIfAbsent(bulkImport, event);
            } else {
                startedAlone(event);
            }
        }
        firstOfImport.forEach((bulkImport, event) -> owner(event)
                .ifPresent(owner -> bulkImports.jobStarted(bulkImport, owner, event.occurredAt())));
    }

    private void startedAlone(JobStarted event) {
        load(event).ifPresent(found -> {
            if (found.owner().jobMails() != JobMailChoice.ALL) {
                return;
            }
            Optional<String> previous = outbox.lastJobMailBefore(event.jobId(), event.attempt());
            if (previous.isPresent() && isStartedKey(previous.get())) {
                log.debug("Job {} attempt {} retries a run already announced", event.jobId(), event.attempt());
                return;
            }
            String cnpj = templates.format(found.owner()).cnpj(event.cnpj());
            RenderedMail mail = templates.render("jobs/started", found.owner(), "jobs.started.subject",
                    List.of(cnpj), Map.of("job", found.job(), "startedAt", event.occurredAt()));
            outbox.enqueueAboutJob(startedKey(event.jobId(), event.attempt()), found.owner(), mail, event.jobId(),
                    event.attempt());
        });
    }

    /**
     * Jobs that ended: those of a bulk import tell their import (needing neither the job's result
     * nor a mail of their own: a 10,000-row import ends 10,000 times), once per import however
     * many ended together; the others get their own mail. A canceled job has no mail of its own.
     */
    private void ended(List<? extends JobEvent> events) {
        Map<Long, Long> imports = jobs.bulkImportsOf(events.stream().map(JobEvent::jobId).toList());
        Map<Long, JobEvent> lastOfImport = new LinkedHashMap<>();
        for (JobEvent event : events) {
            Long bulkImport = imports.get(event.jobId());
            if (bulkImport != null) {
                lastOfImport.put(bulkImport, event);
            } else {
                switch (event) {
                    case JobSucceeded succeeded -> finished(succeeded, succeeded.attempt(), null);
                    case JobNotFound notFound -> finished(notFound, notFound.attempt(), notFound.detail());
                    case JobFailed failed -> finished(failed, failed.attempt(), failed.error());
                    default -> {
                    }
                }
            }
        }
        lastOfImport.forEach((bulkImport, event) -> owner(event).ifPresent(owner -> bulkImports.jobEnded(bulkImport, owner)));
    }

    private void finished(JobEvent event, int attempt, @Nullable String reason) {
        load(event).ifPresent(found -> {
            JobDetails job = found.job();
            JobStatus outcome = event.status();
            // The snapshot belongs to this run only if the job still shows this run's outcome.
            CompanySnapshot company = outcome == JobStatus.SUCCEEDED && job.status() == JobStatus.SUCCEEDED
                    ? job.result() : null;
            if (!wanted(found.owner().jobMails(), outcome, company)) {
                return;
            }
            String cnpj = templates.format(found.owner()).cnpj(event.cnpj());
            Map<String, Object> variables = new HashMap<>();
            variables.put("job", job);
            variables.put("outcome", outcome.name());
            variables.put("finishedAt", event.occurredAt());
            variables.put("company", company);
            variables.put("reason", reason == null || reason.isBlank() ? job.lastError() : reason);
            RenderedMail mail = templates.render("jobs/finished", found.owner(), subjectCode(outcome, company),
                    subjectArgs(cnpj, company), variables);
            outbox.enqueueAboutJob(finishedKey(event.jobId(), attempt), found.owner(), mail, event.jobId(), attempt);
        });
    }

    private static boolean wanted(JobMailChoice choice, JobStatus outcome, @Nullable CompanySnapshot company) {
        return switch (choice) {
            case ALL -> true;
            case FAILURES_AND_CHANGES -> outcome != JobStatus.SUCCEEDED || company != null && !company.changes().isEmpty();
            case NONE -> false;
        };
    }

    private static String subjectCode(JobStatus outcome, @Nullable CompanySnapshot company) {
        if (outcome != JobStatus.SUCCEEDED) {
            return "jobs.finished.subject." + outcome.name();
        }
        if (company == null || company.legalName() == null) {
            return "jobs.finished.subject.SUCCEEDED_UNNAMED";
        }
        return company.changes().isEmpty() ? "jobs.finished.subject.SUCCEEDED" : "jobs.finished.subject.CHANGED";
    }

    private static List<Object> subjectArgs(String cnpj, @Nullable CompanySnapshot company) {
        if (company == null || company.legalName() == null) {
            return List.of(cnpj);
        }
        return List.of(cnpj, company.legalName(), company.changes().size());
    }

    private Optional<UserAccount> owner(JobEvent event) {
        Optional<UserAccount> owner = users.find(event.userId());
        if (owner.isEmpty()) {
            log.info("No mail for {} of job {}: its owner no longer exists", event.getClass().getSimpleName(),
                    event.jobId());
        }
        return owner;
    }

    private Optional<OwnedJob> load(JobEvent event) {
        Optional<JobDetails> job = jobs.find(event.jobId());
        if (job.isEmpty()) {
            // Deleted since (the account was closed): nobody to tell.
            log.info("No mail for {} of job {}: the job no longer exists", event.getClass().getSimpleName(),
                    event.jobId());
            return Optional.empty();
        }
        return owner(event).map(owner -> new OwnedJob(job.get(), owner));
    }

    static String startedKey(long jobId, int attempt) {
        return "job:" + jobId + ":started:" + attempt;
    }

    static String finishedKey(long jobId, int attempt) {
        return "job:" + jobId + ":finished:" + attempt;
    }

    private static boolean isStartedKey(String key) {
        return key.contains(":started:");
    }

    private record OwnedJob(JobDetails job, UserAccount owner) {
    }
}

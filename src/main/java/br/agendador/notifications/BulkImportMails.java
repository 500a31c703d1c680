package br.agendador.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import br.agendador.jobs.BulkImportReport;
import br.agendador.jobs.JobQueries;
import br.agendador.users.JobMailChoice;
import br.agendador.users.UserAccount;
import org.springframework.stereotype.Component;

/**
 * The two mails of a bulk import, in place of a pair per row: "started" when its first job
 * starts, "finished" with counts, changes and failures when its last job ends. Both are asked for
 * after every job of the import starts or ends, so each first checks whether it was written
 * already; when two jobs end together both may render the summary, and the message key keeps one.
 */
@Component
class BulkImportMails {

    private final JobQueries jobs;
    private final MailTemplates templates;
    private final MailOutbox outbox;

    BulkImportMails(JobQueries jobs, MailTemplates templates, MailOutbox outbox) {
        this.jobs = jobs;
        this.templates = templates;
        this.outbox = outbox;
    }

    /** One of the import's jobs started: the first to do so writes "started". */
    void jobStarted(long bulkImportId, UserAccount owner, Instant startedAt) {
        String key = startedKey(bulkImportId);
        if (owner.jobMails() != JobMailChoice.ALL || outbox.exists(key)) {
            return;
        }
        jobs.bulkImport(bulkImportId).ifPresent(report -> outbox.enqueue(key, owner,
                templates.render("bulk/started", owner, "bulk.started.subject", List.of(report.uploaded()),
                        Map.of("report", report, "startedAt", startedAt))));
    }

    /** One of the import's jobs ended (or was canceled): if none is left, writes "finished". */
    void jobEnded(long bulkImportId, UserAccount owner) {
        String key = finishedKey(bulkImportId);
        if (owner.jobMails() == JobMailChoice.NONE || outbox.exists(key) || !jobs.bulkImportEnded(bulkImportId)) {
            return;
        }
        jobs.bulkImport(bulkImportId)
                .filter(report -> owner.jobMails() == JobMailChoice.ALL || report.needsAttention())
                .ifPresent(report -> outbox.enqueue(key, owner, finished(owner, report)));
    }

    private RenderedMail finished(UserAccount owner, BulkImportReport report) {
        return templates.render("bulk/finished", owner, "bulk.finished.subject",
                List.of(report.total(), report.changedCount(), report.problemCount()), Map.of("report", report));
    }

    static String startedKey(long bulkImportId) {
        return "bulk:" + bulkImportId + ":started";
    }

    static String finishedKey(long bulkImportId) {
        return "bulk:" + bulkImportId + ":finished";
    }
}

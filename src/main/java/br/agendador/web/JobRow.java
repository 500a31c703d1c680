package br.agendador.web;

import java.time.Instant;
import java.util.Locale;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobStatus;
import org.jspecify.annotations.Nullable;

/** A job as the dashboard and admin lists show it: the CNPJ formatted, the status as a CSS class. */
public record JobRow(long id, long userId, String cnpj, @Nullable String label, JobStatus status, Instant scheduledAt,
        @Nullable Instant finishedAt, @Nullable String lastError, @Nullable String companyName) {

    static JobRow of(JobDetails job) {
        return new JobRow(job.id(), job.userId(), Cnpj.parse(job.cnpj()).formatted(), job.label(), job.status(),
                job.scheduledAt(), job.finishedAt(), job.lastError(),
                job.result() == null ? null : job.result().legalName());
    }

    /** {@code job-status-not_found}: the class that gives the status its colour (app.css). */
    public String statusClass() {
        return "job-status-" + status.name().toLowerCase(Locale.ROOT);
    }
}

package br.agendador.web;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobStatus;

/** A job as the pages show it: what it is and what its owner may do with it now. */
public record JobView(JobDetails job) {

    public long id() {
        return job.id();
    }

    public String cnpj() {
        return new Cnpj(job.cnpj()).formatted();
    }

    public JobStatus status() {
        return job.status();
    }

    /** Still to change on its own (it will run, or is running): pages showing it keep asking. */
    public boolean live() {
        return !job.status().isFinished();
    }

    public boolean editable() {
        return job.status() == JobStatus.SCHEDULED;
    }

    public boolean cancelable() {
        return job.status() == JobStatus.SCHEDULED;
    }

    public boolean retryable() {
        return job.status() == JobStatus.FAILED || job.status() == JobStatus.NOT_FOUND;
    }

    /** The Bootstrap colours of the status badge. */
    public String badgeClass() {
        return switch (job.status()) {
            case SCHEDULED -> "text-bg-info";
            case RUNNING -> "text-bg-primary";
            case SUCCEEDED -> "text-bg-success";
            case NOT_FOUND -> "text-bg-warning";
            case FAILED -> "text-bg-danger";
            case CANCELED -> "text-bg-secondary";
        };
    }

    public String icon() {
        return switch (job.status()) {
            case SCHEDULED -> "bi-clock";
            case RUNNING -> "bi-arrow-repeat";
            case SUCCEEDED -> "bi-check-circle-fill";
            case NOT_FOUND -> "bi-question-circle-fill";
            case FAILED -> "bi-x-octagon-fill";
            case CANCELED -> "bi-slash-circle";
        };
    }
}

package br.agendador.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobChange;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.NewJob;
import br.agendador.jobs.Recurrence;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * What the new-job and edit-job pages post. The date and time are the viewer's wall clock, as
 * {@code <input type="date">} and {@code <input type="time">} send them; the domain judges the
 * instant they make.
 */
public class JobForm {

    /** A new job defaults to a little after now: enough to read the form, soon enough to see it run. */
    static final int DEFAULT_LEAD_MINUTES = 2;
    static final int DEFAULT_PRIORITY = 3;

    private String cnpj = "";
    private String date = "";
    private String time = "";
    private int priority = DEFAULT_PRIORITY;
    private String label = "";
    private Recurrence recurrence = Recurrence.NONE;
    /** One per form shown: a double submit schedules one job, not two. */
    private String requestId = "";

    static JobForm fresh(Clock clock, ZoneId zone) {
        ZonedDateTime when = clock.instant().atZone(zone).plusMinutes(DEFAULT_LEAD_MINUTES)
                .truncatedTo(ChronoUnit.MINUTES);
        JobForm form = new JobForm();
        form.setDate(when.toLocalDate().toString());
        form.setTime(when.toLocalTime().toString());
        form.setRequestId(UUID.randomUUID().toString());
        return form;
    }

    static JobForm of(JobDetails job, ZoneId zone) {
        ZonedDateTime when = job.scheduledAt().atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        JobForm form = new JobForm();
        form.setCnpj(new Cnpj(job.cnpj()).formatted());
        form.setDate(when.toLocalDate().toString());
        form.setTime(when.toLocalTime().toString());
        form.setPriority(job.priority());
        form.setLabel(job.label() == null ? "" : job.label());
        form.setRecurrence(job.recurrence());
        return form;
    }

    /**
     * Checks what only the page can (a CNPJ's shape, with the reason; a date and time present
     * and readable) and puts each problem on its field.
     *
     * @return the instant the date and time make in {@code zone}, or null when they are wrong
     */
    @Nullable Instant check(BindingResult result, ZoneId zone) {
        if (cnpj.isBlank()) {
            FormProblems.required(result, "cnpj");
        } else {
            CnpjCheck check = CnpjCheck.of(cnpj);
            if (!check.valid()) {
                reject(result, "cnpj", check.problem());
            }
        }
        LocalDate day = null;
        LocalTime at = null;
        try {
            day = date.isBlank() ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            reject(result, "date", "problem.date.invalid");
        }
        try {
            at = time.isBlank() ? null : LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            reject(result, "time", "problem.time.invalid");
        }
        if (date.isBlank()) {
            FormProblems.required(result, "date");
        }
        if (time.isBlank()) {
            FormProblems.required(result, "time");
        }
        return day == null || at == null ? null : ZonedDateTime.of(day, at, zone).toInstant();
    }

    private static void reject(BindingResult result, String field, @Nullable String code) {
        result.addError(new FieldError(result.getObjectName(), field, result.getFieldValue(field), false,
                new String[] {code}, null, null));
    }

    NewJob toNewJob(Instant scheduledAt) {
        return new NewJob(cnpj, scheduledAt, priority, label, recurrence);
    }

    /** Every field, as the form always shows them all; an empty label removes it. */
    JobChange toChange(Instant scheduledAt) {
        return new JobChange(cnpj, scheduledAt, priority, label.isBlank() ? JobChange.REMOVE_LABEL : label,
                recurrence);
    }

    public String getCnpj() {
        return cnpj;
    }

    public void setCnpj(@Nullable String cnpj) {
        this.cnpj = cnpj == null ? "" : cnpj;
    }

    public String getDate() {
        return date;
    }

    public void setDate(@Nullable String date) {
        this.date = date == null ? "" : date;
    }

    public String getTime() {
        return time;
    }

    public void setTime(@Nullable String time) {
        this.time = time == null ? "" : time;
    }

    /** The domain's name for the date and time together: its verdicts on them land here. */
    public String getScheduledAt() {
        return date + " " + time;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(@Nullable String label) {
        this.label = label == null ? "" : label;
    }

    public Recurrence getRecurrence() {
        return recurrence;
    }

    public void setRecurrence(@Nullable Recurrence recurrence) {
        this.recurrence = recurrence == null ? Recurrence.NONE : recurrence;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(@Nullable String requestId) {
        this.requestId = requestId == null ? "" : requestId;
    }
}

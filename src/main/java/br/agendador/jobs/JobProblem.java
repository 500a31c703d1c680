package br.agendador.jobs;

import br.agendador.platform.problem.ProblemCode;

/** What can be wrong with a job's fields, a list's filters, a bulk import or a change of a job. */
public enum JobProblem implements ProblemCode {

    CNPJ_REQUIRED("job.cnpj.required", "is required"),
    CNPJ_PREFIX("job.cnpj.prefix", "''{0}'' is neither a CNPJ nor the beginning of one"),
    SCHEDULED_AT_PAST("job.scheduledAt.past", "is in the past ({0}); it may be at most 1 minute before now ({1})"),
    DATE_TIME("job.dateTime", "''{0}'' is not a date-time (ISO-8601 with offset, e.g. 2026-12-01T09:30:00-03:00)"),
    PRIORITY_RANGE("job.priority.range", "must be between 1 (lowest) and 5 (highest), not {0}"),
    PRIORITY_FORMAT("job.priority.format", "''{0}'' is not a whole number from 1 to 5"),
    LABEL_TOO_LONG("job.label.tooLong", "must have at most {0} characters, not {1}"),
    LABEL_CONTROL_CHARACTERS("job.label.controlCharacters", "must be a single line of text without control characters"),
    RECURRENCE("job.recurrence", "''{0}'' is not one of NONE, DAILY, WEEKLY, MONTHLY"),
    IDEMPOTENCY_KEY("job.idempotencyKey.length", "must be 1 to {0} characters"),
    IDEMPOTENCY_IN_PROGRESS("job.idempotencyKey.inProgress", "Another request with Idempotency-Key ''{0}'' is in progress; try again"),
    IDEMPOTENCY_REUSED("job.idempotencyKey.reused", "Idempotency-Key ''{0}'' was already used for a different request in the"
            + " last 24 hours (job {1}); use a new key for a new job"),
    NOT_FOUND("job.notFound", "You have no job {0}"),
    ACCOUNT_GONE("job.accountGone", "Your account no longer exists"),
    /** A change its status does not allow: {@code {1}} is the change (edited, canceled, retried), {@code {2}} the statuses that allow it. */
    ILLEGAL_CHANGE("job.illegalChange", "Job {0} is {3} and cannot be {1}: only {2} jobs can be {1}"),
    PAGE_TOO_FAR("job.page.tooFar", "is too far; narrow the list with filters instead"),
    SIZE_TOO_SMALL("job.size.tooSmall", "must be at least 1, not {0}"),
    TO_BEFORE_FROM("job.period.toBeforeFrom", "must be after from"),
    STATS_TO_BEFORE_FROM("job.stats.toBeforeFrom", "must not be before from"),
    STATS_TOO_LONG("job.stats.tooLong", "the period may cover at most {0} days"),
    OUT_OF_RANGE("job.outOfRange", "''{0}'' is out of range"),
    STATUS("job.status", "''{0}'' is not a status; use {1}"),
    DATE_OR_DATE_TIME("job.dateOrDateTime", "''{0}'' is neither a date (2026-12-01) nor a date-time (ISO-8601 with offset,"
            + " e.g. 2026-12-01T09:30:00-03:00)"),
    DATE("job.date", "''{0}'' is not a date (2026-12-01)"),
    SORT("job.sort", "''{0}'' is not a sort order; use one of scheduledAt, createdAt, priority, status, optionally followed"
            + " by ,asc or ,desc"),
    ACTION("job.action", "''{0}'' is not an action; use cancel, retry, reschedule or priority"),
    ACTION_SCHEDULED_AT_REQUIRED("job.action.scheduledAtRequired", "is required to reschedule"),
    ACTION_PRIORITY_REQUIRED("job.action.priorityRequired", "is required to change the priority"),
    BULK_REPEATED("bulk.repeated", "repeats the CNPJ of line {0}"),
    BULK_ALREADY_SCHEDULED("bulk.alreadyScheduled", "a SCHEDULED job for this CNPJ already exists (job {0})"),
    BULK_EXTRA_VALUES("bulk.extraValues", "the line has {0} values but the header has {1} columns (text with a comma must be"
            + " in double quotes)"),
    BULK_NOT_AN_OBJECT("bulk.notAnObject", "must be a JSON object with at least a cnpj"),
    BULK_UNKNOWN_FIELD("bulk.unknownField", "is not a known field"),
    BULK_NOT_A_VALUE("bulk.notAValue", "must be text or a number"),
    BULK_CSV_EMPTY("bulk.csvEmpty", "The CSV file is empty; its first line must name the columns, e.g. cnpj,scheduledAt,priority,label"),
    BULK_CSV_UNREADABLE("bulk.csvUnreadable", "The CSV file could not be read: {0}"),
    BULK_REPEATED_COLUMN("bulk.repeatedColumn", "The CSV header names the column ''{0}'' twice"),
    BULK_UNKNOWN_COLUMNS("bulk.unknownColumns", "The CSV header has unknown columns {0}; the columns are cnpj, scheduledAt,"
            + " priority, label, recurrence (only cnpj is required)"),
    BULK_NO_CNPJ_COLUMN("bulk.noCnpjColumn", "The CSV header has no ''cnpj'' column; its first line must name the columns,"
            + " e.g. cnpj,scheduledAt,priority,label"),
    BULK_NOT_AN_ARRAY("bulk.notAnArray", "A JSON bulk import is an array of jobs, e.g. ['{'\"cnpj\": \"11.222.333/0001-81\"'}']"),
    BULK_NO_ROWS("bulk.noRows", "The import has no rows; send at least one job"),
    BULK_TOO_MANY_ROWS("bulk.tooManyRows", "A bulk import takes at most {0} rows; this one has more. Split it into several"
            + " imports; nothing was stored.");

    private final String code;
    private final String english;

    JobProblem(String code, String english) {
        this.code = code;
        this.english = english;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String english() {
        return english;
    }
}

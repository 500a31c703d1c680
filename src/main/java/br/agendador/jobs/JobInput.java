package br.agendador.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.InvalidCnpjException;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Checks what a person typed for a job, field by field, and collects every problem so one answer
 * names them all. Used by the single and bulk create and by edits.
 */
final class JobInput {

    static final int MAX_LABEL_LENGTH = 200;
    /** Clocks differ and requests take time: "now" from a client may reach us a little late. */
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);
    static final String DATE_TIME_HINT = "ISO-8601 with offset, e.g. 2026-12-01T09:30:00-03:00";

    private final Instant now;
    private final List<FieldProblem> errors = new ArrayList<>();

    JobInput(Clock clock) {
        this.now = Job.micros(clock.instant());
    }

    @Nullable Cnpj cnpj(@Nullable String text) {
        if (text == null || text.isBlank()) {
            errors.add(FieldProblem.of("cnpj", JobProblem.CNPJ_REQUIRED));
            return null;
        }
        try {
            return Cnpj.parse(text);
        } catch (InvalidCnpjException e) {
            errors.add(FieldProblem.of("cnpj", e.problem(), e.arguments()));
            return null;
        }
    }

    /** When to run, at most {@link #PAST_TOLERANCE} in the past; null (now) when not given. */
    @Nullable Instant scheduledAt(@Nullable Instant value) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(now.minus(PAST_TOLERANCE))) {
            errors.add(FieldProblem.of("scheduledAt", JobProblem.SCHEDULED_AT_PAST, value, now));
        }
        return value;
    }

    @Nullable Instant scheduledAt(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return scheduledAt(OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.of("scheduledAt", JobProblem.DATE_TIME, text.strip()));
            return null;
        }
    }

    /**
     * Reads a date-time with offset sent as text; 400 naming the field when it is not one. Jackson
     * would reject it too, but without saying which field or what shape is expected.
     */
    static @Nullable Instant dateTime(String field, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.invalid(field, JobProblem.DATE_TIME, text.strip());
        }
    }

    int priority(@Nullable Integer value) {
        if (value == null) {
            return Job.DEFAULT_PRIORITY;
        }
        if (value < Job.MIN_PRIORITY || value > Job.MAX_PRIORITY) {
            errors.add(FieldProblem.of("priority", JobProblem.PRIORITY_RANGE, value));
            return Job.DEFAULT_PRIORITY;
        }
        return value;
    }

    int priority(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Job.DEFAULT_PRIORITY;
        }
        try {
            return priority(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            errors.add(FieldProblem.of("priority", JobProblem.PRIORITY_FORMAT, text.strip()));
            return Job.DEFAULT_PRIORITY;
        }
    }

    /** Trimmed; blank means no label. */
    @Nullable String label(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String label = text.strip();
        if (label.length() > MAX_LABEL_LENGTH) {
            errors.add(FieldProblem.of("label", JobProblem.LABEL_TOO_LONG, MAX_LABEL_LENGTH, label.length()));
        } else if (label.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldProblem.of("label", JobProblem.LABEL_CONTROL_CHARACTERS));
        }
        return label;
    }

    Recurrence recurrence(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Recurrence.NONE;
        }
        try {
            return Recurrence.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldProblem.of("recurrence", JobProblem.RECURRENCE, text.strip()));
            return Recurrence.NONE;
        }
    }

    boolean valid() {
        return errors.isEmpty();
    }

    List<FieldProblem> errors() {
        return List.copyOf(errors);
    }

    /** The problems in one line, for a bulk row: "cnpj: ...; priority: ...". */
    String summary() {
        return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
    }

    void throwIfInvalid(String detail) {
        if (!errors.isEmpty()) {
            throw Problems.invalid(detail + ": " + summary(), errors());
        }
    }
}

package br.agendador.jobs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import br.agendador.platform.problem.Problems;
import org.jspecify.annotations.Nullable;

/** The query parameters of job lists ({@code GET /jobs}, {@code GET /admin/jobs}), checked. */
final class JobListParameters {

    private JobListParameters() {
    }

    /**
     * @param zone the user's time zone, asked for only when a bound is a plain date
     */
    static JobFilter filter(@Nullable List<String> status, @Nullable String cnpj, @Nullable String from,
            @Nullable String to, @Nullable String q, Supplier<ZoneId> zone) {
        return new JobFilter(statuses(status), cnpj, bound("from", from, false, zone), bound("to", to, true, zone), q);
    }

    /** {@code status=FAILED&status=NOT_FOUND} or {@code status=FAILED,NOT_FOUND}, any case. */
    static Set<JobStatus> statuses(@Nullable List<String> values) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        if (values == null) {
            return statuses;
        }
        for (String value : values) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    statuses.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw Problems.invalid("status", JobProblem.STATUS, name.strip(),
                            String.join(", ", EnumSet.allOf(JobStatus.class).stream().map(Enum::name).toList()));
                }
            }
        }
        return statuses;
    }

    /**
     * A date-time with offset, or a date in the user's zone: as {@code from}, its first instant;
     * as {@code to}, the end of that day, so {@code from=2026-12-01&to=2026-12-01} is that day.
     */
    static @Nullable Instant bound(String name, @Nullable String text, boolean end, Supplier<ZoneId> zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() <= 10) {
                LocalDate date = LocalDate.parse(value);
                return (end ? date.plusDays(1) : date).atStartOfDay(zone.get()).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.invalid(name, JobProblem.DATE_OR_DATE_TIME, value);
        } catch (DateTimeException e) {
            throw Problems.invalid(name, JobProblem.OUT_OF_RANGE, value);
        }
    }

    /** A date, or the date a date-time with offset falls on in the user's zone. */
    static @Nullable LocalDate date(String name, @Nullable String text, Supplier<ZoneId> zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return value.length() <= 10 ? LocalDate.parse(value)
                    : OffsetDateTime.parse(value).atZoneSameInstant(zone.get()).toLocalDate();
        } catch (DateTimeParseException e) {
            throw Problems.invalid(name, JobProblem.DATE, value);
        }
    }
}

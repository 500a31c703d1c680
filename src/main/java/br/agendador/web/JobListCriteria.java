package br.agendador.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a jobs list shows, as its query parameters say, so a list is a URL one can share or
 * bookmark: {@code /jobs?status=FAILED&status=NOT_FOUND&from=2026-12-01&to=2026-12-31&q=acme&sort=priority,desc&page=1}.
 * The period is a pair of calendar days in the viewer's zone, both included. A parameter the
 * page cannot read (a mistyped status, sort or date) is left out rather than refused: the list
 * shows, and the form shows what it used.
 */
public record JobListCriteria(Set<JobStatus> statuses, String cnpj, @Nullable LocalDate from, @Nullable LocalDate to,
        String q, JobSort sort, int page) {

    static final String PATH = "/jobs";

    public JobListCriteria {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    static JobListCriteria read(@Nullable List<String> status, @Nullable String cnpj, @Nullable String from,
            @Nullable String to, @Nullable String q, @Nullable String sort, @Nullable String page) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        if (status != null) {
            for (String value : status) {
                for (String name : value.split(",")) {
                    try {
                        statuses.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException unknown) {
                        // not a status: ignored
                    }
                }
            }
        }
        return new JobListCriteria(statuses, text(cnpj), date(from), date(to), text(q), sort(sort), page(page));
    }

    JobFilter filter(ZoneId zone) {
        return new JobFilter(statuses, cnpj.isEmpty() ? null : cnpj,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), q.isEmpty() ? null : q);
    }

    public boolean filtered() {
        return !statuses.isEmpty() || !cnpj.isEmpty() || from != null || to != null || !q.isEmpty();
    }

    public boolean shows(JobStatus status) {
        return statuses.contains(status);
    }

    public String sortValue() {
        return sort.toString();
    }

    /** This list's URL. */
    public String url() {
        return url(sort, page);
    }

    public String pageUrl(int number) {
        return url(sort, number);
    }

    /**
     * The list sorted by {@code field} (an API name: scheduledAt, createdAt, priority, status),
     * from the first page: the other direction when it is sorted by that field already.
     */
    public String sortUrl(String field) {
        JobSort by = JobSort.parse(field);
        boolean ascending = by.field() == sort.field() ? !sort.ascending() : by.field() == JobSort.Field.STATUS;
        return url(new JobSort(by.field(), ascending), 0);
    }

    /** "ascending", "descending" or "none", for {@code aria-sort} on a column header. */
    public String ariaSort(String field) {
        if (JobSort.parse(field).field() != sort.field()) {
            return "none";
        }
        return sort.ascending() ? "ascending" : "descending";
    }

    /** The whole list (every page) as a file: {@code csv} or {@code xlsx}. */
    public String exportUrl(String extension) {
        return url(PATH + "/export." + extension, sort, 0);
    }

    private String url(JobSort by, int number) {
        return url(PATH, by, number);
    }

    private String url(String path, JobSort by, int number) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        statuses.stream().sorted().forEach(status -> url.queryParam("status", status.name()));
        if (!cnpj.isEmpty()) {
            url.queryParam("cnpj", cnpj);
        }
        if (from != null) {
            url.queryParam("from", from);
        }
        if (to != null) {
            url.queryParam("to", to);
        }
        if (!q.isEmpty()) {
            url.queryParam("q", q);
        }
        if (!by.equals(JobSort.DEFAULT)) {
            url.queryParam("sort", by.toString());
        }
        if (number > 0) {
            url.queryParam("page", number);
        }
        return url.encode().build().toUriString();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static JobSort sort(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? JobSort.DEFAULT : JobSort.parse(value);
        } catch (RuntimeException unreadable) {
            return JobSort.DEFAULT;
        }
    }

    private static int page(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}

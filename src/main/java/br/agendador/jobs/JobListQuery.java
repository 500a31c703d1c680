package br.agendador.jobs;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import br.agendador.platform.problem.Problems;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one job list: filters as a WHERE clause with named parameters, the sort as an ORDER
 * BY that the list indexes serve (each sort field, then scheduled time and id, in one
 * direction, so a backward index scan answers the other direction).
 *
 * <p>Two tables serve lists. {@code jobs} itself has one list index, {@code (user_id, status,
 * scheduled_at, id)}: lists by status and time read it directly, and a list over several statuses
 * (or all of them), or sorted by status, is the merge of one index scan per status, each cut at
 * the end of the page, so the first pages cost a few dozen rows whatever the number of jobs.
 * Filters by CNPJ or text, sorts by creation or priority and administrators' lists of every user
 * walk {@code job_search} instead (V51: the columns a run never changes, with their indexes, kept
 * off {@code jobs} so that the dispatcher's two updates per run do not have to write them) and
 * join each row to its job; an administrators' list by status merges one scan per status, from
 * {@code jobs} for all but SUCCEEDED. The total comes from the per-user status counters when only
 * statuses filter the list, else from a count.
 */
final class JobListQuery {

    static final int CNPJ_LENGTH = 14;
    /** The label and CNPJ as free text searches them (V56). */
    private static final String SEARCHED = "s.search_text";

    /** The job's columns, read through the alias {@code j}. */
    private static final String SELECTED = Arrays.stream(JobRepository.COLUMNS.split(","))
            .map(column -> "j." + column.strip()).collect(Collectors.joining(", "));

    /**
     * The statuses whose administrators' list reads jobs directly: the partial index
     * {@code jobs_status_scheduled_idx} (V51) for those a run seldom enters, the small set of
     * RUNNING jobs. SUCCEEDED jobs, most of the table, are found by walking job_search in time order.
     */
    private static final Set<JobStatus> EVERYONES_FROM_JOBS = EnumSet.complementOf(EnumSet.of(JobStatus.SUCCEEDED));

    /** Where the rows come from, and the alias with which conditions name the searched columns. */
    private enum Source {
        JOBS("jobs j", "j."),
        SEARCH("job_search s JOIN jobs j ON j.id = s.id", "s.");

        final String from;
        final String alias;

        Source(String from, String alias) {
            this.from = from;
            this.alias = alias;
        }
    }

    /** Conditions on the searched columns say {@code @.} for the source's alias. */
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
    private final List<JobStatus> statuses;
    private final boolean onlyStatuses;
    private final boolean perStatus;
    /** A filter or sort that only job_search can serve. */
    private final boolean needsSearch;
    private final boolean everyone;
    private final JobSort sort;

    /**
     * @param userId the owner, or null for every user's jobs (administrators)
     * @param cnpj the filter already normalised (no punctuation, upper case, 1..14 of 0-9A-Z)
     */
    JobListQuery(@Nullable Long userId, JobFilter filter, @Nullable String cnpj, JobSort sort) {
        this.sort = sort;
        boolean text = filter.text() != null && !filter.text().isBlank();
        everyone = userId == null;
        needsSearch = cnpj != null || text || sort.field() == JobSort.Field.CREATED_AT
                || sort.field() == JobSort.Field.PRIORITY;
        if (userId != null) {
            conditions.add("@.user_id = :user");
            params.put("user", userId);
        }
        boolean everyStatus = filter.statuses().isEmpty() || filter.statuses().equals(EnumSet.allOf(JobStatus.class));
        statuses = everyStatus ? List.of() : filter.statuses().stream().sorted().toList();
        if (!statuses.isEmpty()) {
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        onlyStatuses = filter.cnpj() == null && filter.from() == null && filter.to() == null && !text;
        boolean byTimeOrStatus = sort.field() == JobSort.Field.SCHEDULED_AT || sort.field() == JobSort.Field.STATUS;
        perStatus = sort.field() == JobSort.Field.STATUS && statuses.size() != 1
                || !everyone && !needsSearch && sort.field() == JobSort.Field.SCHEDULED_AT && statuses.size() != 1
                || everyone && !needsSearch && byTimeOrStatus && !statuses.isEmpty();
        if (cnpj != null) {
            if (cnpj.length() == CNPJ_LENGTH) {
                conditions.add("s.cnpj = :cnpj");
                params.put("cnpj", cnpj);
            } else {
                // Every stored CNPJ is 14 characters of 0-9A-Z, so the ones starting with the prefix
                // lie between it padded with '0's and with 'Z's: a range the (user_id, cnpj) index
                // serves whatever the database collation; LIKE keeps the match exact.
                conditions.add("s.cnpj BETWEEN :cnpjLow AND :cnpjHigh AND s.cnpj LIKE :cnpjPrefix");
                params.put("cnpjLow", cnpj + "0".repeat(CNPJ_LENGTH - cnpj.length()));
                params.put("cnpjHigh", cnpj + "Z".repeat(CNPJ_LENGTH - cnpj.length()));
                params.put("cnpjPrefix", cnpj + "%");
            }
        }
        if (filter.from() != null) {
            conditions.add("@.scheduled_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("@.scheduled_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (text) {
            // job_search.search_text (V56) is stored lower-cased by the database; the pattern is
            // lower-cased by the same function, then compared byte for byte as the column is.
            String words = filter.text().strip();
            String cnpjPart = JobListQuery.cnpjCharacters(words);
            if (cnpjPart.isEmpty() || cnpjPart.length() > CNPJ_LENGTH || cnpjPart.equalsIgnoreCase(words)) {
                conditions.add(SEARCHED + " LIKE (lower(:text) COLLATE \"C\") ESCAPE '\\'");
            } else {
                // "11.222.333" finds the stored 11222333...
                conditions.add("(" + SEARCHED + " LIKE (lower(:text) COLLATE \"C\") ESCAPE '\\' OR " + SEARCHED
                        + " LIKE (lower(:textCnpj) COLLATE \"C\"))");
                params.put("textCnpj", "%" + cnpjPart + "%");
            }
            params.put("text", "%" + escapeLike(words) + "%");
        }
    }

    /** The query of a filter as a request gave it: 400 for bounds the wrong way round or a CNPJ no CNPJ starts with. */
    static JobListQuery checked(@Nullable Long userId, JobFilter filter, JobSort sort) {
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw Problems.invalid("to", JobProblem.TO_BEFORE_FROM);
        }
        String cnpj = null;
        if (filter.cnpj() != null && !filter.cnpj().isBlank()) {
            cnpj = cnpjCharacters(filter.cnpj());
            if (cnpj.isEmpty() || cnpj.length() > CNPJ_LENGTH) {
                throw Problems.invalid("cnpj", JobProblem.CNPJ_PREFIX, filter.cnpj());
            }
        }
        return new JobListQuery(userId, filter, cnpj, sort);
    }

    /**
     * The ids of the jobs the filter matches that are in one of {@code :eligible} (a text array),
     * in one read (8 bytes a job): an action then changes them a batch at a time.
     */
    String idsSql() {
        Source source = source();
        String eligible = "j.status = ANY (CAST(:eligible AS text[]))";
        return "SELECT j.id FROM " + source.from
                + where(source, statuses.isEmpty() ? eligible : eligible + " AND j.status IN (:statuses)");
    }

    /** Every row of the list in its order, without pages: an export reads them as a stream. */
    String exportSql() {
        Source source = source();
        return "SELECT " + SELECTED + " FROM " + source.from
                + where(source, statuses.isEmpty() ? null : "j.status IN (:statuses)") + " ORDER BY " + orderBy(source.alias);
    }

    /** Whether the list is filtered by free text ({@code q}). */
    boolean searchesText() {
        return params.containsKey("text");
    }

    /** The one source of a list that is not a merge: jobs alone for a user's lists by status and time. */
    private Source source() {
        return needsSearch || everyone ? Source.SEARCH : Source.JOBS;
    }

    /** The source of one status's scan in a merge. */
    private Source source(JobStatus status) {
        return needsSearch || everyone && !EVERYONES_FROM_JOBS.contains(status) ? Source.SEARCH : Source.JOBS;
    }

    /** Sort field, then scheduled time and id, all in one direction; {@code alias} with its dot, or empty. */
    private String orderBy(String alias) {
        String direction = sort.ascending() ? " ASC" : " DESC";
        String tieBreak = alias + "scheduled_at" + direction + ", " + alias + "id" + direction;
        return switch (sort.field()) {
            case SCHEDULED_AT -> tieBreak;
            case CREATED_AT -> alias + "created_at" + direction + ", " + alias + "id" + direction;
            case PRIORITY -> alias + "priority" + direction + ", " + tieBreak;
            case STATUS -> (alias.isEmpty() ? "" : "j.") + "status" + direction + ", " + tieBreak;
        };
    }

    /** Parameters {@code :limit} and {@code :offset} are the page's. */
    String selectSql() {
        if (!perStatus) {
            Source source = source();
            return "SELECT " + SELECTED + " FROM " + source.from
                    + where(source, statuses.isEmpty() ? null : "j.status IN (:statuses)")
                    + " ORDER BY " + orderBy(source.alias) + " LIMIT :limit OFFSET :offset";
        }
        List<JobStatus> merged = statuses.isEmpty() ? List.of(JobStatus.values()) : statuses;
        List<String> scans = merged.stream()
                .map(status -> {
                    Source source = source(status);
                    return "(SELECT " + SELECTED + " FROM " + source.from
                            + where(source, "j.status = '" + status.name() + "'")
                            + " ORDER BY " + orderBy(source.alias) + " LIMIT :limit + :offset)";
                })
                .toList();
        return "SELECT * FROM (" + String.join(" UNION ALL ", scans) + ") merged ORDER BY " + orderBy("")
                + " LIMIT :limit OFFSET :offset";
    }

    String countSql() {
        if (onlyStatuses) {
            List<String> counted = new ArrayList<>();
            if (params.containsKey("user")) {
                counted.add("user_id = :user");
            }
            if (!statuses.isEmpty()) {
                counted.add("status IN (:statuses)");
            }
            return "SELECT coalesce(sum(jobs), 0) FROM job_status_counts"
                    + (counted.isEmpty() ? "" : " WHERE " + String.join(" AND ", counted));
        }
        Source source = source();
        if (source == Source.SEARCH && statuses.isEmpty()) {
            // every condition is on job_search's own columns: no row of jobs has to be read
            return "SELECT count(*) FROM job_search s" + where(source, null);
        }
        return "SELECT count(*) FROM " + source.from
                + where(source, statuses.isEmpty() ? null : "j.status IN (:statuses)");
    }

    Map<String, Object> params() {
        return params;
    }

    private String where(Source source, @Nullable String statusCondition) {
        List<String> all = new ArrayList<>(conditions.stream().map(c -> c.replace("@.", source.alias)).toList());
        if (statusCondition != null) {
            all.add(statusCondition);
        }
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    /**
     * The text as a CNPJ fragment (punctuation dropped, upper case), or empty when it has other
     * characters and so cannot be part of one.
     */
    static String cnpjCharacters(String text) {
        StringBuilder kept = new StringBuilder();
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                kept.append(c);
            } else if (c != '.' && c != '/' && c != '-' && !Character.isWhitespace(c)) {
                return "";
            }
        }
        return kept.toString();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package br.agendador.jobs;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The SQL of one job list: filters as a WHERE clause with named parameters, the sort as an ORDER
 * BY that the list indexes serve (each sort field, then scheduled time and id, in one
 * direction, so a backward index scan answers the other direction).
 *
 * <p>A list over several statuses, or sorted by status, is the merge of one index scan per status
 * ({@code (user_id, status, scheduled_at, id)}, or {@code (status, scheduled_at, id)} for
 * administrators' lists of every user), each cut at the end of the page:
 * the first pages cost a few dozen rows whatever the number of jobs. The total comes from the
 * per-user status counters when only statuses filter the list, else from a count.
 */
final class JobListQuery {

    static final int CNPJ_LENGTH = 14;

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
    private final List<JobStatus> statuses;
    private final boolean onlyStatuses;
    private final boolean perStatus;
    private final String orderBy;

    /**
     * @param userId the owner, or null for every user's jobs (administrators)
     * @param cnpj the filter already normalised (no punctuation, upper case, 1..14 of 0-9A-Z)
     */
    JobListQuery(@Nullable Long userId, JobFilter filter, @Nullable String cnpj, JobSort sort) {
        if (userId != null) {
            conditions.add("user_id = :user");
            params.put("user", userId);
        }
        boolean everyStatus = filter.statuses().isEmpty() || filter.statuses().equals(EnumSet.allOf(JobStatus.class));
        statuses = everyStatus ? List.of() : filter.statuses().stream().sorted().toList();
        if (!statuses.isEmpty()) {
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        onlyStatuses = filter.cnpj() == null && filter.from() == null && filter.to() == null
                && (filter.text() == null || filter.text().isBlank());
        perStatus = sort.field() == JobSort.Field.STATUS && statuses.size() != 1
                || sort.field() == JobSort.Field.SCHEDULED_AT && (statuses.size() > 1 || userId == null && statuses.isEmpty());
        if (cnpj != null) {
            if (cnpj.length() == CNPJ_LENGTH) {
                conditions.add("cnpj = :cnpj");
                params.put("cnpj", cnpj);
            } else {
                // Every stored CNPJ is 14 characters of 0-9A-Z, so the ones starting with the prefix
                // lie between it padded with '0's and with 'Z's: a range the (user_id, cnpj) index
                // serves whatever the database collation; LIKE keeps the match exact.
                conditions.add("cnpj BETWEEN :cnpjLow AND :cnpjHigh AND cnpj LIKE :cnpjPrefix");
                params.put("cnpjLow", cnpj + "0".repeat(CNPJ_LENGTH - cnpj.length()));
                params.put("cnpjHigh", cnpj + "Z".repeat(CNPJ_LENGTH - cnpj.length()));
                params.put("cnpjPrefix", cnpj + "%");
            }
        }
        if (filter.from() != null) {
            conditions.add("scheduled_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("scheduled_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            // The expression of the trigram index jobs_text_trgm_idx (V12), as it is written there.
            String searched = "(coalesce(label, '') || ' ' || cnpj)";
            String text = filter.text().strip();
            String cnpjPart = JobListQuery.cnpjCharacters(text);
            if (cnpjPart.isEmpty() || cnpjPart.length() > CNPJ_LENGTH || cnpjPart.equalsIgnoreCase(text)) {
                conditions.add(searched + " ILIKE :text ESCAPE '\\'");
            } else {
                // "11.222.333" finds the stored 11222333...
                conditions.add("(" + searched + " ILIKE :text ESCAPE '\\' OR " + searched + " LIKE :textCnpj)");
                params.put("textCnpj", "%" + cnpjPart + "%");
            }
            params.put("text", "%" + escapeLike(text) + "%");
        }
        String direction = sort.ascending() ? " ASC" : " DESC";
        String tieBreak = "scheduled_at" + direction + ", id" + direction;
        orderBy = switch (sort.field()) {
            case SCHEDULED_AT -> tieBreak;
            case CREATED_AT -> "created_at" + direction + ", id" + direction;
            case PRIORITY -> "priority" + direction + ", " + tieBreak;
            case STATUS -> "status" + direction + ", " + tieBreak;
        };
    }

    /** Parameters {@code :limit} and {@code :offset} are the page's. */
    String selectSql() {
        if (!perStatus) {
            String where = where(statuses.isEmpty() ? null : "status IN (:statuses)");
            return "SELECT " + JobRepository.COLUMNS + " FROM jobs" + where + " ORDER BY " + orderBy
                    + " LIMIT :limit OFFSET :offset";
        }
        List<JobStatus> merged = statuses.isEmpty() ? List.of(JobStatus.values()) : statuses;
        List<String> scans = merged.stream()
                .map(status -> "(SELECT " + JobRepository.COLUMNS + " FROM jobs" + where("status = '" + status.name()
                        + "'") + " ORDER BY " + orderBy + " LIMIT :limit + :offset)")
                .toList();
        return "SELECT * FROM (" + String.join(" UNION ALL ", scans) + ") j ORDER BY " + orderBy
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
        return "SELECT count(*) FROM jobs" + where(statuses.isEmpty() ? null : "status IN (:statuses)");
    }

    Map<String, Object> params() {
        return params;
    }

    private String where(@Nullable String statusCondition) {
        List<String> all = new ArrayList<>(conditions);
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

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
 */
final class JobListQuery {

    static final int CNPJ_LENGTH = 14;

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
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
        if (!filter.statuses().isEmpty() && !filter.statuses().equals(EnumSet.allOf(JobStatus.class))) {
            conditions.add("status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).sorted().toList());
        }
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
            String text = filter.text().strip();
            String cnpjPart = JobListQuery.cnpjCharacters(text);
            if (cnpjPart.isEmpty() || cnpjPart.length() > CNPJ_LENGTH) {
                conditions.add("label ILIKE :text ESCAPE '\\'");
            } else {
                conditions.add("(label ILIKE :text ESCAPE '\\' OR cnpj LIKE :textCnpj)");
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

    String selectSql() {
        return "SELECT " + JobRepository.COLUMNS + " FROM jobs" + where() + " ORDER BY " + orderBy
                + " LIMIT :limit OFFSET :offset";
    }

    String countSql() {
        return "SELECT count(*) FROM jobs" + where();
    }

    Map<String, Object> params() {
        return params;
    }

    private String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
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

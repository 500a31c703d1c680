package br.agendador.jobs;

import java.util.Arrays;
import java.util.Locale;

import br.agendador.platform.problem.Problems;

/**
 * The order of a job list: one field, ascending or descending; ties are broken by the scheduled
 * time and then the arrival order, in the same direction.
 */
public record JobSort(Field field, boolean ascending) {

    public static final JobSort DEFAULT = new JobSort(Field.SCHEDULED_AT, false);

    public enum Field {
        SCHEDULED_AT("scheduledAt"), CREATED_AT("createdAt"), PRIORITY("priority"), STATUS("status");

        private final String name;

        Field(String name) {
            this.name = name;
        }

        public String apiName() {
            return name;
        }
    }

    /**
     * Reads {@code field} or {@code field,asc|desc} (as in {@code sort=scheduledAt,desc}); a field
     * alone sorts ascending.
     *
     * @throws org.springframework.web.ErrorResponseException 400 naming the parameter {@code sort}
     */
    public static JobSort parse(String text) {
        String[] parts = text.strip().split("\\s*,\\s*");
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
            throw invalid(text);
        }
        Field field = Arrays.stream(Field.values()).filter(f -> f.name.equalsIgnoreCase(parts[0])).findFirst()
                .orElseThrow(() -> invalid(text));
        if (parts.length == 1) {
            return new JobSort(field, true);
        }
        return switch (parts[1].toLowerCase(Locale.ROOT)) {
            case "asc" -> new JobSort(field, true);
            case "desc" -> new JobSort(field, false);
            default -> throw invalid(text);
        };
    }

    @Override
    public String toString() {
        return field.name + "," + (ascending ? "asc" : "desc");
    }

    private static RuntimeException invalid(String text) {
        return Problems.invalid("sort", JobProblem.SORT, text);
    }
}

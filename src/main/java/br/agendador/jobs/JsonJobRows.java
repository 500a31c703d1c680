package br.agendador.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a bulk import sent as a JSON array of job objects, each shaped like the body of
 * {@code POST /jobs}. A problem with one item (an unknown field, a value of the wrong kind)
 * rejects that item only, at its position in the array (from 1).
 */
final class JsonJobRows {

    private JsonJobRows() {
    }


    static ParsedRows read(JsonNode body) {
        if (!body.isArray()) {
            throw Problems.badRequest(JobProblem.BULK_NOT_AN_ARRAY);
        }
        List<BulkRow> rows = new ArrayList<>(body.size());
        List<BulkResult.Rejected> malformed = new ArrayList<>();
        int line = 0;
        for (JsonNode item : body) {
            line++;
            if (!item.isObject()) {
                malformed.add(BulkResult.Rejected.of(line, null, FieldProblem.of("line", JobProblem.BULK_NOT_AN_OBJECT)));
                continue;
            }
            List<FieldProblem> problems = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!CsvJobRows.COLUMNS.contains(field.getKey())) {
                    problems.add(FieldProblem.of(field.getKey(), JobProblem.BULK_UNKNOWN_FIELD));
                } else if (!field.getValue().isNull() && !field.getValue().isValueNode()) {
                    problems.add(FieldProblem.of(field.getKey(), JobProblem.BULK_NOT_A_VALUE));
                }
            }
            String cnpj = text(item, "cnpj");
            if (!problems.isEmpty()) {
                malformed.add(new BulkResult.Rejected(line, cnpj, problems));
                continue;
            }
            rows.add(new BulkRow(line, cnpj, text(item, "scheduledAt"), text(item, "priority"), text(item, "label"),
                    text(item, "recurrence")));
        }
        return new ParsedRows(rows, malformed);
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }
}

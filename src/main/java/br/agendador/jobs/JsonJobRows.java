package br.agendador.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.platform.problem.Problems;
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
            throw Problems.badRequest("A JSON bulk import is an array of jobs, e.g. [{\"cnpj\": \"11.222.333/0001-81\"}]");
        }
        List<BulkRow> rows = new ArrayList<>(body.size());
        List<BulkResult.Rejected> malformed = new ArrayList<>();
        int line = 0;
        for (JsonNode item : body) {
            line++;
            if (!item.isObject()) {
                malformed.add(new BulkResult.Rejected(line, null, "must be a JSON object with at least a cnpj"));
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!CsvJobRows.COLUMNS.contains(field.getKey())) {
                    problems.add(field.getKey() + ": is not a known field");
                } else if (!field.getValue().isNull() && !field.getValue().isValueNode()) {
                    problems.add(field.getKey() + ": must be text or a number");
                }
            }
            String cnpj = text(item, "cnpj");
            if (!problems.isEmpty()) {
                malformed.add(new BulkResult.Rejected(line, cnpj, String.join("; ", problems)));
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

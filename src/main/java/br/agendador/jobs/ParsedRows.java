package br.agendador.jobs;

import java.util.List;

/** The rows of an import file to check and create, and those too malformed to be rows at all. */
record ParsedRows(List<BulkRow> rows, List<BulkResult.Rejected> malformed) {

    int count() {
        return rows.size() + malformed.size();
    }
}

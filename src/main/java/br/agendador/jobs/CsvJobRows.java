package br.agendador.jobs;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a bulk import in CSV: a header row naming the columns ({@code cnpj} required;
 * {@code scheduledAt, priority, label, recurrence} optional, any order and case), then one job
 * per row. Made for files people export from spreadsheets: UTF-8 with or without a byte-order
 * mark, or Windows-1252; comma, semicolon (pt-BR Excel) or tab as the separator; blank lines
 * skipped. Rows keep their line number in the file so problems can be pointed at.
 */
final class CsvJobRows {

    static final List<String> COLUMNS = List.of("cnpj", "scheduledAt", "priority", "label", "recurrence");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvJobRows() {
    }

    /**
     * @param maxRows reading stops after {@code maxRows + 1} rows: enough to tell the file is too
     *     big without reading all of it
     */
    static ParsedRows read(byte[] content, int maxRows) {
        String text = decode(content);
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setTrim(true).get();
        List<BulkRow> rows = new ArrayList<>();
        List<BulkResult.Rejected> malformed = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> columns = null;
            int width = 0;
            long endOfPrevious = 0;
            for (CSVRecord record : parser) {
                int line = (int) endOfPrevious + 1;
                endOfPrevious = parser.getCurrentLineNumber();
                if (isBlank(record)) {
                    continue;
                }
                if (columns == null) {
                    columns = header(record);
                    width = record.size();
                    continue;
                }
                if (hasExtraValues(record, width)) {
                    // Reported like any invalid row, so one unquoted comma does not sink the file.
                    malformed.add(BulkResult.Rejected.of(line, value(record, columns, "cnpj"),
                            FieldProblem.of("line", JobProblem.BULK_EXTRA_VALUES, record.size(), width)));
                } else {
                    rows.add(row(record, line, columns));
                }
                if (rows.size() + malformed.size() > maxRows) {
                    break;
                }
            }
            if (columns == null) {
                throw Problems.badRequest(JobProblem.BULK_CSV_EMPTY);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw Problems.badRequest(JobProblem.BULK_CSV_UNREADABLE, e.getMessage());
        }
        return new ParsedRows(rows, malformed);
    }


    private static Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i);
            if (name.isBlank()) {
                continue;
            }
            String column = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (column == null) {
                unknown.add("'" + name + "'");
            } else if (columns.putIfAbsent(column, i) != null) {
                throw Problems.badRequest(JobProblem.BULK_REPEATED_COLUMN, column);
            }
        }
        if (!unknown.isEmpty()) {
            throw Problems.badRequest(JobProblem.BULK_UNKNOWN_COLUMNS, String.join(", ", unknown));
        }
        if (!columns.containsKey("cnpj")) {
            throw Problems.badRequest(JobProblem.BULK_NO_CNPJ_COLUMN);
        }
        return columns;
    }

    /** Values past the header's columns; empty ones (trailing separators) do no harm. */
    private static boolean hasExtraValues(CSVRecord record, int width) {
        for (int i = width; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static BulkRow row(CSVRecord record, int line, Map<String, Integer> columns) {
        return new BulkRow(line, value(record, columns, "cnpj"), value(record, columns, "scheduledAt"),
                value(record, columns, "priority"), value(record, columns, "label"),
                value(record, columns, "recurrence"));
    }

    private static @Nullable String value(CSVRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index);
        return value.isEmpty() ? null : value;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 (a leading byte-order mark dropped) when the bytes are valid UTF-8, else Windows-1252. */
    static String decode(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(content, start, content.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return new String(content, start, content.length - start, WINDOWS_1252);
        }
    }

    /** The separator the header line uses: ';' or a tab when it has those and no comma. */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String header = (end < 0 ? text : text.substring(0, end)).toLowerCase(Locale.ROOT);
        if (header.indexOf(',') < 0) {
            if (header.indexOf(';') >= 0) {
                return ';';
            }
            if (header.indexOf('\t') >= 0) {
                return '\t';
            }
        }
        return ',';
    }
}

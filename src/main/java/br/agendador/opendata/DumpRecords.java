package br.agendador.opendata;

import java.util.List;

import br.agendador.opendata.DumpKind.Field;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import org.jspecify.annotations.Nullable;

/**
 * Receives the CSV parser's fields (FastCSV's callback API: characters in its buffer, no String
 * per field) and writes each record of the dump as a binary COPY row. A record with the wrong
 * number of fields, or a field its column cannot hold, is dropped and reported with its line.
 */
final class DumpRecords extends AbstractBaseCsvCallbackHandler<DumpRecords.Outcome> {

    /** A row written; the parser's iteration returns only these (empty and rejected lines are skipped). */
    enum Outcome { ROW }

    /** Told about each line that does not become a row. */
    interface Rejections {
        void reject(long line, String reason);
    }

    private final List<Field> fields;
    private final int columns;
    private final CopyRows rows;
    private final DumpLines lines;
    private final Rejections rejections;
    private int fieldCount;
    private @Nullable String problem;

    DumpRecords(DumpKind kind, CopyRows rows, DumpLines lines, Rejections rejections) {
        this.fields = kind.fields();
        this.columns = kind.columns().size();
        this.rows = rows;
        this.lines = lines;
        this.rejections = rejections;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        fieldCount = 0;
        problem = null;
        rows.beginRow(columns);
    }

    @Override
    protected void handleField(int index, char[] chars, int offset, int length, boolean quoted) {
        fieldCount++;
        if (index >= fields.size() || problem != null) {
            return;
        }
        Field field = fields.get(index);
        try {
            rows.write(field.type(), chars, offset, length);
        } catch (CopyRows.BadField bad) {
            problem = field.column() + ": " + bad.getMessage();
        }
    }

    @Override
    protected @Nullable Outcome buildRecord() {
        // the parser is given one line at a time, so the line read last is this record's
        long line = lines.lineNumber();
        if (getRecordType() != RecordType.DATA) {
            rows.dropRow();
            return null;
        }
        if (fieldCount != fields.size()) {
            rows.dropRow();
            rejections.reject(line, fieldCount + " fields where the layout has " + fields.size());
            return null;
        }
        if (problem != null) {
            rows.dropRow();
            rejections.reject(line, problem);
            return null;
        }
        rows.endRow();
        return Outcome.ROW;
    }

    /** The parser gave up on the current line. */
    void abandon(String reason) {
        rows.dropRow();
        rejections.reject(lines.lineNumber(), reason);
    }
}

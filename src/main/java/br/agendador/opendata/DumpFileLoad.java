package br.agendador.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipFile;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams one zip of the dump into its load table: the entry is inflated as it is read (never
 * unzipped to disk, never held in memory), parsed by FastCSV, written as binary COPY rows and sent
 * in chunks over the given connection, inside the caller's transaction. Its CRC is checked at the
 * end; a mismatch fails the load before anything is committed.
 */
final class DumpFileLoad {

    /** Rows are sent in chunks of about this many bytes. */
    private static final int CHUNK = 1 << 19;

    private final DumpZip zip;
    private final String table;
    private final RejectedLines rejected;
    private final BooleanSupplier canceled;
    private volatile long rows;
    private volatile DumpLines lines;

    DumpFileLoad(DumpZip zip, String table, RejectedLines rejected, BooleanSupplier canceled) {
        this.zip = zip;
        this.table = table;
        this.rejected = rejected;
        this.canceled = canceled;
    }

    /** Rows sent so far. */
    long rows() {
        return rows;
    }

    /** Uncompressed bytes read so far. */
    long bytes() {
        DumpLines reading = lines;
        return reading == null ? 0 : reading.bytesRead();
    }

    /** Loads the file; returns the rows PostgreSQL stored. */
    long run(Connection connection) throws IOException, SQLException {
        DumpKind kind = zip.kind();
        String file = zip.fileName();
        String copy = "COPY opendata." + table + " (" + String.join(", ", kind.columns()) + ") FROM STDIN (FORMAT binary, FREEZE)";
        try (ZipFile archive = new ZipFile(zip.path().toFile())) {
            CheckedInputStream entry = new CheckedInputStream(archive.getInputStream(archive.getEntry(zip.entryName())), new CRC32());
            DumpLines reading = new DumpLines(entry, (line, reason) -> rejected.reject(file, line, reason));
            lines = reading;
            CopyRows out = new CopyRows();
            DumpRecords records = new DumpRecords(kind, out, reading, (line, reason) -> rejected.reject(file, line, reason));
            CopyIn sink = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            try {
                long sent = 0;
                boolean more = true;
                while (more) {
                    Iterator<DumpRecords.Outcome> parsed = parser(records, reading).iterator();
                    try {
                        while (parsed.hasNext()) {
                            parsed.next();
                            sent++;
                            if (out.size() >= CHUNK) {
                                sink.writeToCopy(out.buffer(), 0, out.size());
                                out.flushed();
                                rows = sent;
                                if (canceled.getAsBoolean()) {
                                    throw new CancellationException("canceled");
                                }
                            }
                        }
                        more = false;
                    } catch (CsvParseException broken) {
                        // The parser cannot go on past a line it could not read; a new one starts at the next line.
                        records.abandon(reason(broken));
                        reading.skipRestOfLine();
                    }
                }
                out.finish();
                sink.writeToCopy(out.buffer(), 0, out.size());
                out.flushed();
                rows = sent;
                long stored = sink.endCopy();
                verify(entry, reading);
                return stored;
            } finally {
                if (sink.isActive()) {
                    sink.cancelCopy();
                }
            }
        }
    }

    private void verify(CheckedInputStream entry, DumpLines reading) throws IOException {
        // read to the end, so the CRC covers the whole entry even if the last line had no LF
        InputStream rest = entry;
        while (rest.read() >= 0) {
            // nothing: the reader stops only at the end
        }
        if (zip.crc() >= 0 && entry.getChecksum().getValue() != zip.crc()) {
            throw new InvalidDump(OpenDataProblem.ZIP_CRC, zip.fileName());
        }
        if (zip.uncompressedSize() > 0 && reading.bytesRead() != zip.uncompressedSize()) {
            throw new InvalidDump(OpenDataProblem.ZIP_SIZE, zip.fileName(), reading.bytesRead(), zip.uncompressedSize());
        }
    }

    private static Iterable<DumpRecords.Outcome> parser(DumpRecords records, DumpLines lines) {
        return CsvReader.builder()
                .fieldSeparator(';')
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(false)
                .detectBomHeader(false)
                .build(records, lines);
    }

    private static String reason(CsvParseException broken) {
        Throwable cause = broken.getCause() != null ? broken.getCause() : broken;
        String message = cause.getMessage() == null ? "unreadable" : cause.getMessage();
        return "broken quoting: " + message;
    }
}

package br.agendador.opendata;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One import of the Receita's dump, as {@code GET /api/v1/admin/open-data/imports/{id}} shows it.
 *
 * @param rows rows loaded so far, every file together
 * @param rowsPerSecond the load's pace so far
 * @param eta when it is expected to be done, while running
 * @param phase what it is doing: {@code DOWNLOADING}, {@code LOADING}, {@code INDEXING}, {@code SWAPPING}
 * @param rejected the first {@value RejectedLines#KEPT} lines that could not be read
 * @param error why it failed, in English; {@code errorCode} and {@code errorArguments} say it for translation
 */
public record OpenDataImport(
        long id,
        ImportStatus status,
        String source,
        YearMonth month,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String phase,
        long rows,
        @Nullable Long rowsPerSecond,
        @Nullable Instant eta,
        long bytesDone,
        long bytesTotal,
        List<ImportFile> files,
        int rejectedCount,
        List<RejectedLine> rejected,
        @Nullable String error,
        @Nullable String errorCode,
        List<String> errorArguments) {

    public OpenDataImport {
        files = List.copyOf(files);
        rejected = List.copyOf(rejected);
        errorArguments = List.copyOf(errorArguments);
    }

    /** The message key of the error, when it is one the pages can say in other words. */
    public @Nullable String errorMessageKey() {
        return errorCode == null ? null : "problem." + errorCode;
    }

    /** One zip of the dump: {@code PENDING}, {@code DOWNLOADING}, {@code DOWNLOADED}, {@code LOADING}, {@code LOADED}, {@code FAILED}. */
    public record ImportFile(String name, long rows, String status) {
    }

    public record RejectedLine(String file, long line, String reason) {
    }

    /** How far along, 0 to 100, by bytes read (the index build and swap after the load are short). */
    public int percent() {
        if (status == ImportStatus.SUCCEEDED) {
            return 100;
        }
        return bytesTotal <= 0 ? 0 : (int) Math.min(99, bytesDone * 100 / bytesTotal);
    }
}

package br.agendador.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import br.agendador.opendata.OpenDataImport.ImportFile;
import br.agendador.opendata.OpenDataImport.RejectedLine;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static br.agendador.platform.database.SqlTimes.instant;
import static br.agendador.platform.database.SqlTimes.utc;

/**
 * The imports' rows ({@code open_data_imports}, their files and rejected lines), readable from any
 * process. Only the process running an import writes its progress.
 */
@Repository
class ImportRecords {

    /** Keys of the session-level advisory lock held by the connection of the process running an import. */
    static final int LOCK_SPACE = 0x4f504e44;
    static final int LOCK_KEY = 1;


    private final JdbcClient jdbc;

    ImportRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(String source, YearMonth month, Instant now) {
        return jdbc.sql("""
                INSERT INTO open_data_imports (status, source, month, created_at)
                VALUES ('QUEUED', ?, ?, ?) RETURNING id""")
                .params(source, month.atDay(1), utc(now)).query(Long.class).single();
    }

    void started(long id, Instant now) {
        jdbc.sql("UPDATE open_data_imports SET status = 'RUNNING', started_at = ? WHERE id = ?").params(utc(now), id).update();
    }

    void files(long id, List<String> names, String status) {
        for (String name : names) {
            jdbc.sql("""
                    INSERT INTO open_data_import_files (import_id, name, status) VALUES (?, ?, ?)
                    ON CONFLICT (import_id, name) DO UPDATE SET status = excluded.status""")
                    .params(id, name, status).update();
        }
    }

    void file(long id, String name, String status, long rows, long bytes, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
        jdbc.sql("""
                UPDATE open_data_import_files SET status = ?, rows = ?, bytes = ?,
                       started_at = coalesce(started_at, ?), finished_at = ?
                 WHERE import_id = ? AND name = ?""")
                .params(status, rows, bytes, utc(startedAt), utc(finishedAt), id, name).update();
    }

    void progress(long id, String phase, long rows, long bytesDone, long bytesTotal, @Nullable Long rowsPerSecond,
            @Nullable Instant eta, int rejectedCount, List<RejectedLines.Line> newRejections) {
        jdbc.sql("""
                UPDATE open_data_imports SET phase = ?, rows = ?, bytes_done = ?, bytes_total = ?, rows_per_second = ?,
                       eta = ?, rejected_count = ?
                 WHERE id = ?""")
                .params(phase, rows, bytesDone, bytesTotal, rowsPerSecond, utc(eta), rejectedCount, id).update();
        for (RejectedLines.Line line : newRejections) {
            jdbc.sql("""
                    INSERT INTO open_data_rejected_lines (import_id, file, line, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(id, line.file(), line.line(), line.reason()).update();
        }
    }

    boolean cancelRequested(long id) {
        return jdbc.sql("SELECT cancel_requested FROM open_data_imports WHERE id = ?").param(id).query(Boolean.class).single();
    }

    /** @return whether the import was still active (and so will stop) */
    boolean requestCancel(long id) {
        return jdbc.sql("UPDATE open_data_imports SET cancel_requested = true WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")
                .param(id).update() == 1;
    }

    void ended(long id, ImportStatus status, @Nullable OpenDataProblem error, Object[] arguments, Instant now) {
        jdbc.sql("""
                UPDATE open_data_imports SET status = ?, error = ?, error_code = ?, error_arguments = ?, finished_at = ?,
                       eta = NULL, phase = CASE WHEN ? = 'SUCCEEDED' THEN phase ELSE NULL END
                 WHERE id = ?""")
                .params(status.name(), error == null ? null : error.message(arguments), error == null ? null : error.code(),
                        texts(arguments), utc(now), status.name(), id).update();
        if (status != ImportStatus.SUCCEEDED) {
            jdbc.sql("UPDATE open_data_import_files SET status = 'FAILED' WHERE import_id = ? AND status NOT IN ('LOADED', 'DOWNLOADED')")
                    .param(id).update();
        }
    }

    /**
     * Imports left QUEUED or RUNNING by a process that is gone (killed, crashed, lost its
     * database connection): the running process holds the advisory lock for the import's whole life.
     */
    int failAbandoned(Instant now) {
        return jdbc.sql("""
                UPDATE open_data_imports
                   SET status = 'FAILED', finished_at = ?, eta = NULL, phase = NULL, error = ?, error_code = ?
                 WHERE status IN ('QUEUED', 'RUNNING')
                   AND NOT EXISTS (SELECT 1 FROM pg_locks
                                    WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 2 AND granted)""")
                .params(utc(now), OpenDataProblem.INTERRUPTED.english(), OpenDataProblem.INTERRUPTED.code(), LOCK_SPACE, LOCK_KEY)
                .update();
    }

    /** For the holder of the advisory lock: whatever is still marked active is nobody's. */
    int failActive(Instant now) {
        return jdbc.sql("""
                UPDATE open_data_imports SET status = 'FAILED', finished_at = ?, eta = NULL, phase = NULL, error = ?,
                       error_code = ?
                 WHERE status IN ('QUEUED', 'RUNNING')""")
                .params(utc(now), OpenDataProblem.INTERRUPTED.english(), OpenDataProblem.INTERRUPTED.code()).update();
    }

    /** Load or replaced tables in schema opendata (an import running, or one that was interrupted). */
    long leftoverTables() {
        return jdbc.sql("""
                SELECT count(*) FROM pg_tables
                 WHERE schemaname = 'opendata' AND (tablename LIKE '%\\_load' OR tablename LIKE '%\\_old')""")
                .query(Long.class).single();
    }

    Optional<OpenDataImport> find(long id) {
        return jdbc.sql("SELECT * FROM open_data_imports WHERE id = ?").param(id).query((rs, row) -> summary(rs)).optional()
                .map(this::withDetails);
    }

    /** The newest first, without their rejected lines (see {@link #find}). */
    List<OpenDataImport> list(int limit) {
        List<OpenDataImport> imports = jdbc.sql("SELECT * FROM open_data_imports ORDER BY id DESC LIMIT ?").param(limit)
                .query((rs, row) -> summary(rs)).list();
        return imports.stream().map(each -> withFiles(each, List.of())).toList();
    }

    Optional<OpenDataImport> active() {
        return jdbc.sql("SELECT * FROM open_data_imports WHERE status IN ('QUEUED', 'RUNNING')").query((rs, row) -> summary(rs))
                .optional().map(this::withDetails);
    }

    Optional<ServedData> served() {
        return jdbc.sql("""
                SELECT id, month, finished_at, companies, establishments, partners, simples FROM open_data_imports
                 WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1""")
                .query((rs, row) -> new ServedData(rs.getLong("id"), YearMonth.from(rs.getObject("month", LocalDate.class)),
                        instant(rs, "finished_at"), rs.getLong("companies"), rs.getLong("establishments"),
                        rs.getLong("partners"), rs.getLong("simples")))
                .optional();
    }

    private OpenDataImport withDetails(OpenDataImport summary) {
        List<RejectedLine> rejected = jdbc.sql("""
                SELECT file, line, reason FROM open_data_rejected_lines WHERE import_id = ? ORDER BY file, line LIMIT ?""")
                .params(summary.id(), RejectedLines.KEPT)
                .query((rs, row) -> new RejectedLine(rs.getString("file"), rs.getLong("line"), rs.getString("reason"))).list();
        return withFiles(summary, rejected);
    }

    private OpenDataImport withFiles(OpenDataImport summary, List<RejectedLine> rejected) {
        List<ImportFile> files = jdbc.sql("SELECT name, rows, status FROM open_data_import_files WHERE import_id = ?")
                .param(summary.id())
                .query((rs, row) -> new ImportFile(rs.getString("name"), rs.getLong("rows"), rs.getString("status"))).list();
        List<ImportFile> ordered = files.stream().sorted((a, b) -> fileOrder(a.name()) - fileOrder(b.name())).toList();
        return new OpenDataImport(summary.id(), summary.status(), summary.source(), summary.month(), summary.createdAt(),
                summary.startedAt(), summary.finishedAt(), summary.phase(), summary.rows(), summary.rowsPerSecond(),
                summary.eta(), summary.bytesDone(), summary.bytesTotal(), ordered, summary.rejectedCount(), rejected,
                summary.error(), summary.errorCode(), summary.errorArguments());
    }

    /** Files in the Receita's order: the big ones by part, then the code tables. */
    private static int fileOrder(String name) {
        int index = 0;
        for (DumpKind kind : DumpKind.values()) {
            for (String file : kind.fileNames()) {
                if (file.equals(name)) {
                    return index;
                }
                index++;
            }
        }
        return index;
    }

    private static OpenDataImport summary(ResultSet rs) throws SQLException {
        Long rowsPerSecond = rs.getObject("rows_per_second", Long.class);
        return new OpenDataImport(rs.getLong("id"), ImportStatus.valueOf(rs.getString("status")), rs.getString("source"),
                YearMonth.from(rs.getObject("month", LocalDate.class)), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("phase"), rs.getLong("rows"), rowsPerSecond,
                instant(rs, "eta"), rs.getLong("bytes_done"), rs.getLong("bytes_total"), List.of(),
                rs.getInt("rejected_count"), List.of(), rs.getString("error"), rs.getString("error_code"),
                arguments(rs.getArray("error_arguments")));
    }

    private static String[] texts(Object[] arguments) {
        String[] texts = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            texts[i] = String.valueOf(arguments[i]);
        }
        return texts;
    }

    private static List<String> arguments(java.sql.@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

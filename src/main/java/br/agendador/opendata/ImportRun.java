package br.agendador.opendata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import br.agendador.opendata.ImportSource.Directory;
import br.agendador.opendata.ImportSource.Share;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import, start to end, in the process that accepted it: download (for the share), check
 * every zip, load the file kinds {@code parallel-files} at a time (each kind's files one after
 * the other in one transaction on its own connection: the load table is created in it, so COPY
 * FREEZE writes rows already frozen and, on a server with {@code wal_level=minimal} like the
 * embedded one, skips the WAL), index each kind as soon as it is in, then swap everything in.
 * Progress goes to the import's row every {@link #TICK} and to the log every {@link #LOG_EVERY}.
 *
 * <p>Any failure or a cancel stops every lane; their transactions roll back and the load tables
 * already committed are dropped, so the previous month is served throughout.
 */
final class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    static final Duration TICK = Duration.ofSeconds(2);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final int SWAP_TRIES = 5;

    private final long id;
    private final ImportSource source;
    private final YearMonth month;
    private final Connection control;
    private final DataSource dataSource;
    private final ImportRecords records;
    private final OpenDataProperties properties;
    private final Clock clock;
    private final RejectedLines rejected;
    private final Map<String, FileState> files = new LinkedHashMap<>();
    /** The server processes of the lanes' connections, to cancel whatever they are doing when the import stops. */
    private final Set<Integer> lanes = ConcurrentHashMap.newKeySet();
    private volatile @Nullable String stopReason;
    private volatile boolean cancelRequested;
    private volatile @Nullable OpenDataProblem abortedBecause;
    private volatile String phase = "STARTING";
    private volatile @Nullable Instant loadStartedAt;
    private Instant lastLog = Instant.EPOCH;

    ImportRun(long id, ImportSource source, YearMonth month, Connection control, DataSource dataSource, ImportRecords records,
            OpenDataProperties properties, Clock clock) {
        this.id = id;
        this.source = source;
        this.month = month;
        this.control = control;
        this.dataSource = dataSource;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
        this.rejected = new RejectedLines(properties.maxRejected());
    }

    long id() {
        return id;
    }

    /** Stops the import soon; it ends FAILED, interrupted for this reason. */
    void abort(OpenDataProblem reason) {
        abortedBecause = reason;
        stop("failed");
    }

    /** Stops the import soon; it ends CANCELED. */
    void cancel() {
        cancelRequested = true;
        stop("canceled");
    }

    private boolean stopped() {
        return stopReason != null;
    }

    private void stop(String why) {
        if (stopReason == null) {
            stopReason = why;
        }
        if (lanes.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int pid : lanes) {
                statement.execute("SELECT pg_cancel_backend(" + pid + ")");
            }
        } catch (SQLException e) {
            log.debug("Could not interrupt the import's statements: {}", e.getMessage());
        }
    }

    /** Runs the import to its end; the connection's advisory lock is the caller's to release. */
    ImportStatus run() {
        records.started(id, clock.instant());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("open-data-progress-" + id).daemon().factory());
        reporter.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        ImportStatus status;
        Failure error = null;
        Path downloads = null;
        try {
            Path directory;
            if (source instanceof Share share) {
                downloads = properties.downloadDir().resolve(month.toString());
                directory = download(share, downloads);
            } else {
                directory = ((Directory) source).path();
            }
            List<DumpZip> zips = DumpDirectory.check(directory);
            prepare(zips);
            OpenDataTables.dropLeftovers(control);
            Map<DumpKind, Long> counts = load(zips);
            swap(counts);
            status = ImportStatus.SUCCEEDED;
        } catch (Throwable e) {
            OpenDataProblem aborted = abortedBecause;
            boolean canceled = aborted == null && (cancelRequested || e instanceof CancellationException);
            status = canceled ? ImportStatus.CANCELED : ImportStatus.FAILED;
            error = canceled ? null : aborted != null ? new Failure(aborted) : Failure.of(e);
            if (!canceled) {
                log.warn("Open data import {} ({}) failed: {}", id, month, error, e instanceof InvalidDump
                        || e instanceof RejectedLines.TooManyRejected ? null : e);
            }
            stop(canceled ? "canceled" : "failed");
            cleanUp();
        } finally {
            reporter.shutdownNow();
            awaitQuietly(reporter);
        }
        report(true);
        if (status != ImportStatus.SUCCEEDED) {
            records.ended(id, status, error == null ? null : error.problem(), error == null ? new Object[0] : error.arguments(),
                    clock.instant());
        } else if (downloads != null && !properties.keepDownloads()) {
            deleteQuietly(downloads);
        }
        log.info("Open data import {} of {} ended {}{} ({} rows, {} rejected lines)", id, month, status,
                error == null ? "" : ": " + error.message(), String.format(Locale.ROOT, "%,d", totalRows()), rejected.count());
        return status;
    }

    // --- phases -----------------------------------------------------------------------------

    private Path download(Share share, Path directory) {
        phase = "DOWNLOADING";
        ReceitaShare remote = new ReceitaShare(share, properties.downloadTimeout());
        Map<String, Long> listed = remote.files(month);
        List<String> expected = DumpDirectory.expectedFiles();
        List<String> missing = expected.stream().filter(name -> !listed.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidDump(OpenDataProblem.SHARE_FILES_MISSING, month, String.join(", ", missing));
        }
        synchronized (files) {
            for (String name : expected) {
                files.put(name, new FileState(name, DumpKind.ofFile(name), listed.get(name)));
            }
        }
        records.files(id, expected, "PENDING");
        for (String name : expected) {
            FileState file = files.get(name);
            file.status = "DOWNLOADING";
            file.startedAt = clock.instant();
            remote.download(month, name, listed.get(name), directory, properties.downloadAttempts(),
                    bytes -> file.downloaded = bytes, this::stopped);
            file.status = "DOWNLOADED";
            file.finishedAt = clock.instant();
        }
        return directory;
    }

    private void prepare(List<DumpZip> zips) {
        synchronized (files) {
            files.clear();
            for (DumpZip zip : zips) {
                FileState file = new FileState(zip.fileName(), zip.kind(), zip.uncompressedSize());
                files.put(zip.fileName(), file);
            }
        }
        records.files(id, zips.stream().map(DumpZip::fileName).toList(), "PENDING");
    }

    private Map<DumpKind, Long> load(List<DumpZip> zips) throws InterruptedException {
        phase = "LOADING";
        loadStartedAt = clock.instant();
        Map<DumpKind, List<DumpZip>> byKind = new EnumMap<>(DumpKind.class);
        for (DumpZip zip : zips) {
            byKind.computeIfAbsent(zip.kind(), kind -> new ArrayList<>()).add(zip);
        }
        // biggest first, so the lanes end together rather than one big kind running alone at the end
        List<DumpKind> kinds = new ArrayList<>(byKind.keySet());
        kinds.sort(Comparator.comparingLong((DumpKind kind) -> byKind.get(kind).stream().mapToLong(DumpZip::uncompressedSize).sum())
                .reversed());
        Map<DumpKind, Long> counts = Collections.synchronizedMap(new EnumMap<>(DumpKind.class));
        ExecutorService lanes = Executors.newFixedThreadPool(properties.parallelFiles(),
                Thread.ofPlatform().name("open-data-load-" + id + "-", 1).factory());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (DumpKind kind : kinds) {
                work.add(lanes.submit(() -> {
                    if (!stopped()) {
                        counts.put(kind, loadKind(kind, byKind.get(kind)));
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> each : work) {
                try {
                    each.get();
                } catch (ExecutionException e) {
                    if (first == null || first instanceof CancellationException) {
                        first = e.getCause();
                    }
                    stop("failed");
                }
            }
            if (first != null) {
                throw first instanceof RuntimeException runtime ? runtime : new IllegalStateException(message(first), first);
            }
            if (stopped()) {
                throw new CancellationException(stopReason);
            }
        } finally {
            lanes.shutdownNow();
            lanes.awaitTermination(1, TimeUnit.MINUTES);
        }
        return counts;
    }

    /** One kind's files into its load table (one transaction), then its index. */
    private long loadKind(DumpKind kind, List<DumpZip> zips) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            int pid = backendPid(connection);
            lanes.add(pid);
            try {
                return loadKind(kind, zips, connection);
            } finally {
                lanes.remove(pid);
            }
        }
    }

    private long loadKind(DumpKind kind, List<DumpZip> zips, Connection connection) throws SQLException, IOException {
        // the kind's files and its load table in one transaction: COPY FREEZE needs the table created in it
        connection.setAutoCommit(false);
        long total = 0;
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL statement_timeout = 0");
            settings.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
        }
        try {
            OpenDataTables.createLoadTable(connection, kind);
            for (DumpZip zip : zips) {
                FileState file = files.get(zip.fileName());
                DumpFileLoad load = new DumpFileLoad(zip, OpenDataTables.loadTable(kind), rejected, this::stopped);
                file.load = load;
                file.status = "LOADING";
                file.startedAt = clock.instant();
                long stored = load.run(connection);
                file.rows = stored;
                file.loadedBytes = zip.uncompressedSize();
                file.load = null;
                file.status = "LOADED";
                file.finishedAt = clock.instant();
                total += stored;
                if (stopped()) {
                    throw new CancellationException(stopReason);
                }
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            rollbackQuietly(connection);
            if (stopped() && !(e instanceof RejectedLines.TooManyRejected) && !(e instanceof InvalidDump)) {
                throw new CancellationException(stopReason);
            }
            throw e;
        }
        log.debug("Open data {}: {} loaded ({} rows), building its index", month, kind, total);
        try {
            OpenDataTables.index(connection, kind, properties.indexMemorySetting(), properties.indexWorkers());
        } catch (SQLException e) {
            if (stopped()) {
                throw new CancellationException(stopReason);
            }
            throw e;
        }
        return total;
    }

    private void swap(Map<DumpKind, Long> counts) throws SQLException {
        phase = "SWAPPING";
        // the files and rows as they end, written before SUCCEEDED can be seen: whoever reads
        // SUCCEEDED reads the whole import (it was seen with every file PENDING and 0 rows)
        report(true);
        for (int attempt = 1; ; attempt++) {
            if (cancelRequested || records.cancelRequested(id)) {
                cancelRequested = true;
                throw new CancellationException("canceled");
            }
            control.setAutoCommit(false);
            try {
                OpenDataTables.swap(control, properties.swapLockTimeout().toMillis() + "ms");
                try (var update = control.prepareStatement("""
                        UPDATE open_data_imports SET status = 'SUCCEEDED', finished_at = ?, phase = 'DONE', eta = NULL,
                               companies = ?, establishments = ?, partners = ?, simples = ?
                         WHERE id = ?""")) {
                    update.setObject(1, br.agendador.platform.database.SqlTimes.utc(clock.instant()));
                    update.setLong(2, counts.getOrDefault(DumpKind.EMPRESAS, 0L));
                    update.setLong(3, counts.getOrDefault(DumpKind.ESTABELECIMENTOS, 0L));
                    update.setLong(4, counts.getOrDefault(DumpKind.SOCIOS, 0L));
                    update.setLong(5, counts.getOrDefault(DumpKind.SIMPLES, 0L));
                    update.setLong(6, id);
                    update.executeUpdate();
                }
                control.commit();
                control.setAutoCommit(true);
                break;
            } catch (SQLException e) {
                rollbackQuietly(control);
                control.setAutoCommit(true);
                // lock_not_available, deadlock_detected: lookups were in the way; they are short
                boolean busy = "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!busy || attempt == SWAP_TRIES) {
                    throw e;
                }
                log.info("Open data swap waited on lookups ({}), trying again", e.getSQLState());
            }
        }
        try {
            OpenDataTables.dropOld(control);
        } catch (SQLException e) {
            // served already; the next import drops them
            log.warn("Could not drop the previous month's tables yet: {}", e.getMessage());
        }
        phase = "DONE";
    }

    private void cleanUp() {
        try {
            if (!control.getAutoCommit()) {
                rollbackQuietly(control);
                control.setAutoCommit(true);
            }
            OpenDataTables.dropLeftovers(control);
        } catch (SQLException e) {
            log.warn("Could not drop the tables of the stopped import {} yet (the next import will): {}", id, e.getMessage());
        }
    }

    // --- progress ---------------------------------------------------------------------------

    private void tick() {
        try {
            if (!cancelRequested && records.cancelRequested(id)) {
                cancelRequested = true;
                stop("canceled");
            }
            report(false);
        } catch (RuntimeException e) {
            log.debug("Progress of open data import {} not recorded: {}", id, e.toString());
        }
    }

    private synchronized void report(boolean last) {
        List<FileState> snapshot;
        synchronized (files) {
            snapshot = List.copyOf(files.values());
        }
        long rows = 0;
        long bytesDone = 0;
        long bytesTotal = 0;
        int loaded = 0;
        for (FileState file : snapshot) {
            rows += file.rowsNow();
            bytesDone += phase.equals("DOWNLOADING") ? file.downloaded : file.bytesNow();
            bytesTotal += file.size;
            loaded += file.status.equals(phase.equals("DOWNLOADING") ? "DOWNLOADED" : "LOADED") ? 1 : 0;
            if (file.changed()) {
                records.file(id, file.name, file.status, file.rowsNow(), file.bytesNow(), file.startedAt, file.finishedAt);
            }
        }
        Instant now = clock.instant();
        Instant started = loadStartedAt;
        Long rowsPerSecond = null;
        Instant eta = null;
        if (started != null && !phase.equals("DOWNLOADING")) {
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            rowsPerSecond = Math.round(rows / seconds);
            double bytesPerSecond = bytesDone / seconds;
            if (!last && bytesPerSecond > 0 && bytesDone < bytesTotal) {
                eta = now.plusSeconds(Math.round((bytesTotal - bytesDone) / bytesPerSecond));
            }
        }
        records.progress(id, phase, rows, bytesDone, bytesTotal, rowsPerSecond, eta, rejected.count(), rejected.takeNew());
        if (last || Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
            lastLog = now;
            if (!last) {
                log.info(String.format(Locale.ROOT, "Open data %s: %s %d/%d files, %,d rows, %s rows/s, %d%%, ETA %s", month,
                        phase.toLowerCase(Locale.ROOT), loaded, snapshot.size(), rows,
                        rowsPerSecond == null ? "-" : String.format(Locale.ROOT, "%,d", rowsPerSecond),
                        bytesTotal == 0 ? 0 : bytesDone * 100 / bytesTotal, eta == null ? "-" : eta));
            }
        }
    }

    private long totalRows() {
        synchronized (files) {
            return files.values().stream().mapToLong(FileState::rowsNow).sum();
        }
    }

    /** A file's progress, written by its lane and read by the reporter. */
    private static final class FileState {

        final String name;
        final DumpKind kind;
        final long size;
        volatile String status = "PENDING";
        volatile long rows;
        volatile long loadedBytes;
        volatile long downloaded;
        volatile @Nullable DumpFileLoad load;
        volatile @Nullable Instant startedAt;
        volatile @Nullable Instant finishedAt;
        private String reportedStatus = "";
        private long reportedRows = -1;

        FileState(String name, DumpKind kind, long size) {
            this.name = name;
            this.kind = kind;
            this.size = Math.max(size, 0);
        }

        long rowsNow() {
            DumpFileLoad active = load;
            return active != null ? active.rows() : rows;
        }

        long bytesNow() {
            DumpFileLoad active = load;
            return active != null ? active.bytes() : loadedBytes;
        }

        boolean changed() {
            long now = rowsNow();
            boolean changed = !status.equals(reportedStatus) || now != reportedRows;
            reportedStatus = status;
            reportedRows = now;
            return changed;
        }
    }

    /** Why an import failed: a known problem with its arguments, or an unexpected exception's message. */
    private record Failure(OpenDataProblem problem, Object... arguments) {

        static Failure of(Throwable e) {
            return switch (e) {
                case InvalidDump invalid -> new Failure(invalid.problem(), invalid.arguments());
                case RejectedLines.TooManyRejected tooMany -> new Failure(OpenDataProblem.TOO_MANY_REJECTED, tooMany.arguments());
                default -> new Failure(OpenDataProblem.FAILED, ImportRun.message(e));
            };
        }

        String message() {
            return problem.message(arguments);
        }
    }

    // --- small things -----------------------------------------------------------------------

    static String message(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof IllegalStateException) && cause.getCause() != null
                && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: so is its transaction
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.info("Could not delete the downloads in {}: {}", directory, e.getMessage());
        }
    }
}

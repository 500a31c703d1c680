package br.agendador.opendata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import br.agendador.opendata.ImportSource.Directory;
import br.agendador.opendata.ImportSource.Share;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Imports of the Receita's dump: started from the API, the admin page, the command line or the
 * monthly refresh, and run by the process that started them. One at a time across all processes:
 * the runner's connection holds a PostgreSQL advisory lock for the import's whole life, so an
 * import whose process died (even by {@code kill -9}) is seen as such at once and a new one may start.
 */
@Service
public class OpenDataImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OpenDataImports.class);
    private static final int LISTED = 50;

    private final ImportRecords records;
    private final DataSource dataSource;
    private final OpenDataProperties properties;
    private final Clock clock;
    private final Map<Long, ImportRun> running = new ConcurrentHashMap<>();

    OpenDataImports(ImportRecords records, DataSource dataSource, OpenDataProperties properties, Clock clock) {
        this.records = records;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks the source and starts importing it in the background.
     *
     * @param month {@code YYYY-MM}; by default the month the source's folder is named after
     * @throws InvalidDump when the source is missing, unreadable or lacks files (the message names them)
     * @throws ImportAlreadyRunning while another import runs anywhere
     */
    public OpenDataImport start(String source, @Nullable String month) {
        Accepted accepted = accept(source, month);
        Thread.ofPlatform().name("open-data-import-" + accepted.run.id()).start(() -> execute(accepted));
        return find(accepted.run.id());
    }

    /** Imports in the calling thread (the command line); returns how it ended. */
    public OpenDataImport runHere(String source, @Nullable String month) {
        Accepted accepted = accept(source, month);
        execute(accepted);
        return find(accepted.run.id());
    }

    public OpenDataImport find(long id) {
        reconcile();
        return records.find(id).orElseThrow(() -> new ImportNotFound(id));
    }

    /** The latest imports, newest first. */
    public List<OpenDataImport> list() {
        reconcile();
        return records.list(LISTED);
    }

    /** The import running now (in any process), if one is. */
    public Optional<OpenDataImport> active() {
        reconcile();
        return records.active();
    }

    /** The month being served. */
    public Optional<ServedData> served() {
        return records.served();
    }

    /**
     * Stops an import; it ends CANCELED and the previous month stays served.
     *
     * @throws ImportNotFound for an unknown id
     * @throws ImportFinished when it has already ended
     */
    public OpenDataImport cancel(long id) {
        OpenDataImport current = find(id);
        if (!current.status().isActive() || !records.requestCancel(id)) {
            throw new ImportFinished(id, current.status());
        }
        ImportRun here = running.get(id);
        if (here != null) {
            here.cancel();
        }
        return find(id);
    }

    /**
     * Marks imports whose process is gone as FAILED and drops what they loaded (it can be tens of
     * gigabytes), unless another import has started meanwhile. Also run once at start-up.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void reconcile() {
        if (records.failAbandoned(clock.instant()) == 0 && !leftovers()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (tryLock(connection)) {
                try {
                    OpenDataTables.dropLeftovers(connection);
                    log.info("Dropped the tables an interrupted open data import left behind");
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT pg_advisory_unlock_all()");
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("Could not drop the tables of an interrupted open data import yet: {}", e.getMessage());
        }
    }

    private boolean leftovers() {
        return records.leftoverTables() > 0 && records.active().isEmpty();
    }

    private Accepted accept(String sourceText, @Nullable String monthText) {
        ImportSource source = ImportSource.parse(sourceText);
        YearMonth month;
        try {
            month = ImportSource.month(monthText, source);
        } catch (InvalidDump noMonth) {
            if (source instanceof Share share && (monthText == null || monthText.isBlank())) {
                List<YearMonth> months = new ReceitaShare(share, properties.downloadTimeout()).months();
                throw months.isEmpty() ? new InvalidDump(OpenDataProblem.SHARE_EMPTY, share.base().getHost())
                        : new InvalidDump(OpenDataProblem.MONTH_MISSING_IN_SHARE, months);
            }
            throw noMonth;
        }
        checkFiles(source, month);
        Connection control = null;
        try {
            control = dataSource.getConnection();
            if (!tryLock(control)) {
                String which = records.active().map(active -> " (import " + active.id() + ", " + active.month() + ")").orElse("");
                throw new ImportAlreadyRunning(which);
            }
            records.failActive(clock.instant());
            long id = records.create(source.text(), month, clock.instant());
            ImportRun run = new ImportRun(id, source, month, control, dataSource, records, properties, clock);
            running.put(id, run);
            log.info("Open data import {} of {} from {} accepted", id, month, source.text());
            return new Accepted(run, control);
        } catch (SQLException e) {
            release(control);
            throw new IllegalStateException("Could not reach the database to start the import: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof DataIntegrityViolationException) {
                release(control);
                throw new ImportAlreadyRunning("");
            }
            release(control);
            throw e;
        }
    }

    /** Before anything is stored: a source without the whole dump is refused with what it lacks. */
    private void checkFiles(ImportSource source, YearMonth month) {
        switch (source) {
            case Directory directory -> DumpDirectory.check(directory.path());
            case Share share -> {
                Map<String, Long> listed = new ReceitaShare(share, properties.downloadTimeout()).files(month);
                List<String> missing = DumpDirectory.expectedFiles().stream().filter(name -> !listed.containsKey(name)).toList();
                if (!missing.isEmpty()) {
                    throw new InvalidDump(OpenDataProblem.SHARE_FILES_MISSING, month, String.join(", ", missing));
                }
            }
        }
    }

    private void execute(Accepted accepted) {
        try {
            accepted.run.run();
        } catch (RuntimeException e) {
            log.error("Open data import {} broke", accepted.run.id(), e);
        } finally {
            running.remove(accepted.run.id());
            release(accepted.control);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + ImportRecords.LOCK_SPACE + ", "
                     + ImportRecords.LOCK_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void release(@Nullable Connection control) {
        if (control == null) {
            return;
        }
        try (control) {
            try (Statement statement = control.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
        } catch (SQLException e) {
            log.debug("Releasing the import's connection: {}", e.getMessage());
        }
    }

    /** Imports running here stop with the application; their previous month stays served. */
    @Override
    public void destroy() {
        running.values().forEach(run -> run.abort(OpenDataProblem.INTERRUPTED_BY_SHUTDOWN));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Accepted(ImportRun run, Connection control) {
    }
}

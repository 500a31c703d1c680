package br.agendador.platform.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own PostgreSQL, kept in {@code agendador.embedded-db.dir}, started with the app and
 * stopped after everything that uses it. Starting first takes the directory's lock, then stops
 * any server a killed app left behind, so a start after a crash succeeds in one go.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final DataDirectoryLock lock;
    private final PostgresServer server;

    private EmbeddedDatabase(DataDirectoryLock lock, PostgresServer server) {
        this.lock = lock;
        this.server = server;
    }

    public static EmbeddedDatabase start(EmbeddedDatabaseProperties properties) {
        return start(properties, Map.of(), false);
    }

    /**
     * A throwaway cluster for tests and benchmarks: the directory is wiped (after taking its lock
     * and stopping any orphan) and {@code extraSettings} are added to the server's.
     */
    public static EmbeddedDatabase startEmpty(EmbeddedDatabaseProperties properties, Map<String, String> extraSettings) {
        return start(properties, extraSettings, true);
    }

    private static EmbeddedDatabase start(EmbeddedDatabaseProperties properties, Map<String, String> extraSettings,
            boolean wipe) {
        Path dataDir = properties.dir().toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            OrphanedServer.stopIfRunning(dataDir, properties.startupTimeout());
            if (wipe) {
                PostgresBinaries.deleteTree(dataDir);
            }
            String durability = properties.durable() ? "on" : "off";
            Map<String, String> settings = new LinkedHashMap<>(Map.of(
                    "fsync", durability,
                    "synchronous_commit", durability,
                    "full_page_writes", durability,
                    "max_connections", "200",
                    // Nothing replicates from the embedded server, so the WAL need only serve crash recovery:
                    // a table created and loaded in one transaction (the open data import) skips it and is
                    // synced at commit instead, as durable and writing the data once rather than twice.
                    "wal_level", "minimal",
                    "max_wal_senders", "0"));
            settings.putAll(extraSettings);
            PostgresServer server = PostgresServer.start(dataDir, properties.port(), settings,
                    properties.startupTimeout());
            log.info("Embedded PostgreSQL on port {} with data in {} (durable: {})", server.port(), dataDir,
                    properties.durable());
            return new EmbeddedDatabase(lock, server);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    public String username() {
        return PostgresServer.USER;
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            lock.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("while releasing {}", closeable, e);
        }
    }
}

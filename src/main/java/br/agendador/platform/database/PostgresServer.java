package br.agendador.platform.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server process over one data directory, run with the bundled binaries through
 * {@code pg_ctl}. Unlike zonky's {@code EmbeddedPostgres} it registers no JVM shutdown hook of its
 * own: the server is stopped when its owner closes it, so Spring can finish its own shutdown
 * (in-flight jobs, event publications) while the database is still there.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path binaries;
    private final Path dataDir;
    private final int port;
    private boolean running;

    private PostgresServer(Path binaries, Path dataDir, int port) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Creates the cluster if the directory has none, then starts the server.
     *
     * @param settings server settings passed as {@code -c name=value}
     */
    public static PostgresServer start(Path dataDir, int port, Map<String, String> settings, Duration timeout) {
        Path binaries = PostgresBinaries.install();
        PostgresServer server = new PostgresServer(binaries, dataDir, port == 0 ? freePort() : port);
        server.initialiseIfNeeded(!"off".equals(settings.get("fsync")));
        server.startServer(settings, timeout);
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void initialiseIfNeeded(boolean sync) {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        if (Files.isDirectory(dataDir) && !isEmpty(dataDir)) {
            throw new IllegalStateException(dataDir + " is not empty and holds no PostgreSQL cluster;"
                    + " point agendador.embedded-db.dir at an empty or new directory");
        }
        // initdb into a sibling first: a crash half-way leaves no half-made cluster behind.
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".initdb");
        PostgresBinaries.deleteTree(staging);
        List<String> command = new ArrayList<>(List.of(bin("initdb"), "-A", "trust", "-U", USER, "-D",
                staging.toString(), "-E", "UTF8", "--locale=C"));
        if (!sync) {
            command.add("--no-sync");
        }
        run(command, Duration.ofMinutes(2), "initdb");
        try {
            Files.deleteIfExists(dataDir);
            Files.move(staging, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Could not move the new cluster into " + dataDir, e);
        }
        log.info("Created a PostgreSQL cluster in {}", dataDir);
    }

    private void startServer(Map<String, String> settings, Duration timeout) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "127.0.0.1");
        all.put("unix_socket_directories", "''");
        all.putAll(settings);
        StringBuilder options = new StringBuilder("-p ").append(port);
        all.forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
                "-w", "-t", Long.toString(Math.max(1, timeout.toSeconds())), "-o", options.toString(), "start"),
                timeout.plusSeconds(10), "pg_ctl start");
        running = true;
    }

    /** Fast shutdown: disconnects clients, writes a checkpoint, exits. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                Duration.ofSeconds(70), "pg_ctl stop");
        log.info("Stopped PostgreSQL in {}", dataDir);
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, Duration timeout, String what) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            // PostgreSQL refuses to run as root; a user namespace makes it some other user.
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("agendador-pg-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish within " + timeout + serverLogTail());
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(output).strip() + serverLogTail());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + what + ": " + e.getMessage()
                    + (isRoot() ? " (running as root needs the 'unshare' command)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private String serverLogTail() {
        Path serverLog = dataDir.resolve("server.log");
        try {
            List<String> lines = Files.readAllLines(serverLog);
            return "\nLast lines of " + serverLog + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free TCP port for the embedded PostgreSQL", e);
        }
    }
}

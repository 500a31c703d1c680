package br.agendador.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running in our data directory by an app that was killed ({@code kill -9},
 * out of memory). The server outlives the app because {@code pg_ctl} detaches it; left alone it
 * makes the next start fail on {@code postmaster.pid}. Only called while we hold the
 * {@link DataDirectoryLock}, so the server can belong to nobody alive.
 */
final class OrphanedServer {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);

    private OrphanedServer() {
    }

    static void stopIfRunning(Path dataDir, Duration timeout) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> server = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(OrphanedServer::isPostgres);
        if (server.isEmpty()) {
            // A pid file with no server behind it (machine rebooted, pid reused): PostgreSQL
            // would refuse to start if the pid now belongs to another program.
            deleteQuietly(pidFile);
            return;
        }
        ProcessHandle postmaster = server.get();
        log.warn("Found PostgreSQL (pid {}) left running in {} by an app that did not shut down; stopping it",
                postmaster.pid(), dataDir);
        // SIGINT is PostgreSQL's "fast" shutdown: disconnects clients, writes a checkpoint.
        signal(postmaster, "INT");
        if (!waitForExit(postmaster, timeout)) {
            log.warn("PostgreSQL (pid {}) ignored the fast shutdown; killing it, crash recovery will follow",
                    postmaster.pid());
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            waitForExit(postmaster, Duration.ofSeconds(10));
        }
        if (Files.exists(pidFile) && !postmaster.isAlive()) {
            deleteQuietly(pidFile);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete stale {}", file, e);
        }
    }
}

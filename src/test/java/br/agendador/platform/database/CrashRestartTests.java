package br.agendador.platform.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import br.agendador.AgendadorApplication;
import br.agendador.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app is killed with SIGKILL while its PostgreSQL runs; PostgreSQL survives as an orphan.
 * The next start must succeed the first time and find every committed row.
 */
class CrashRestartTests {

    private Process app;

    @AfterEach
    void stopApp() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsInOneGoAfterTheAppWasKilledAndKeepsTheData() throws Exception {
        Path dir = EmbeddedDatabaseRestartTests.freshDirectory();
        int port = freePort();
        Api api = new Api(new MockEnvironment().withProperty("local.server.port", Integer.toString(port)));
        String email = "crash-" + port + "@example.com";

        app = launch(dir, port, "first");
        awaitReady(port);
        api.newUser(email);

        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Optional<ProcessHandle> orphan = serverOf(dir);
        assertThat(orphan).as("PostgreSQL outlives a killed app").isPresent();

        app = launch(dir, port, "second");
        awaitReady(port);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", Api.PASSWORD)).status())
                .isEqualTo(200);
        assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();

        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serverOf(dir)).as("a clean shutdown stops PostgreSQL").isEmpty();
    }

    private static Process launch(Path dir, int port, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.getParent().resolve(name + ".log");
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                AgendadorApplication.class.getName(), "--server.port=" + port, "--agendador.embedded-db.dir=" + dir,
                "--agendador.roles=api", "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(app.isAlive()).as("the app process is running").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static Optional<ProcessHandle> serverOf(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

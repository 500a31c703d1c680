package br.agendador.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import br.agendador.AgendadorApplication;
import br.agendador.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app's own PostgreSQL keeps data across restarts and belongs to one app at a time. */
class EmbeddedDatabaseRestartTests {

    @Test
    void aUserRegisteredBeforeARestartCanLogInAfterIt() throws Exception {
        Path dir = freshDirectory();
        String email = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (ConfigurableApplicationContext first = start(dir)) {
            Api api = new Api(first.getEnvironment());
            api.newUser(email);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SHOW data_directory").query(String.class).single())
                    .isEqualTo(dir.toAbsolutePath().normalize().toString());
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW server_version_num").query(Integer.class).single()).isGreaterThanOrEqualTo(170000);
        }
        assertThat(dir.resolve("postmaster.pid")).as("the server stops with the app").doesNotExist();
        try (ConfigurableApplicationContext second = start(dir)) {
            Api api = new Api(second.getEnvironment());
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", Api.PASSWORD)).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSecondAppOnTheSameDirectoryGetsAClearError() throws Exception {
        Path dir = freshDirectory();
        try (ConfigurableApplicationContext first = start(dir)) {
            assertThatThrownBy(() -> start(dir))
                    .rootCause()
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by another running Agendador process");
            assertThat(first.isActive()).isTrue();
            assertThat(new Api(first.getEnvironment()).get("/actuator/health", null).status()).isEqualTo(200);
        }
    }

    /** The README's backup and restore of the embedded database, command for command. */
    @Test
    void aBackupOfTheStoppedDataDirectoryRestoresEveryAccount() throws Exception {
        Path dir = freshDirectory();
        Path parent = dir.getParent();
        String email = "backup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (ConfigurableApplicationContext app = start(dir)) {
            new Api(app.getEnvironment()).newUser(email);
        }
        run(parent, "tar", "-czf", "agendador-backup.tar.gz", "-C", parent.toString(), "postgres");
        try (ConfigurableApplicationContext app = start(dir)) {
            new Api(app.getEnvironment()).newUser("after-" + email);
        }
        run(parent, "rm", "-rf", "postgres");
        run(parent, "tar", "-xzf", "agendador-backup.tar.gz", "-C", parent.toString());
        try (ConfigurableApplicationContext restored = start(dir)) {
            Api api = new Api(restored.getEnvironment());
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", Api.PASSWORD)).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/auth/login", Map.of("email", "after-" + email, "password", Api.PASSWORD))
                    .status()).as("the account made after the backup is gone with the restore").isEqualTo(401);
        }
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    static Path freshDirectory() throws Exception {
        Path parent = Files.createDirectories(Path.of("target", "embedded-db-tests"));
        return Files.createTempDirectory(parent.toAbsolutePath(), "db-").resolve("postgres");
    }

    private static ConfigurableApplicationContext start(Path dir) {
        // Command-line arguments, not default properties: application.yml would override those.
        return new SpringApplicationBuilder(AgendadorApplication.class)
                .run("--agendador.embedded-db.dir=" + dir, "--server.port=0", "--spring.main.banner-mode=off",
                        "--agendador.roles=api");
    }
}

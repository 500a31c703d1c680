package br.agendador.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import br.agendador.platform.database.EmbeddedDatabase;
import br.agendador.platform.database.EmbeddedDatabaseProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One embedded PostgreSQL for the whole test run, started on first use and shared by every
 * Spring context (they differ only in beans, never in database). Not durable: fsync off, as
 * tests need speed, not crash safety. The server's time zone is deliberately not UTC, so code
 * that lets the database session zone leak into results fails here.
 */
public final class TestDatabase {

    private static EmbeddedDatabase database;

    private TestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (database == null) {
            Path dir = Path.of("target", "test-postgres", "data");
            database = EmbeddedDatabase.startEmpty(new EmbeddedDatabaseProperties(dir, 0, false, Duration.ofSeconds(60)),
                    Map.of("timezone", "'America/Sao_Paulo'", "max_connections", "300"));
            // Spring runs these after it has closed every application context, so the database
            // outlives the contexts that use it (a plain JVM hook would race them).
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    database.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the next run wipes the directory
                }
            });
        }
        return database.jdbcUrl();
    }

    /** Points a Spring context at the shared test database. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.datasource.url=" + jdbcUrl(),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=").applyTo(context);
        }
    }
}

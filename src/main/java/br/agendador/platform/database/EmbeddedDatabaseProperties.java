package br.agendador.platform.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL started inside the app when no {@code spring.datasource.url} is given.
 *
 * @param dir where the cluster keeps its data; survives restarts
 * @param port TCP port on 127.0.0.1, 0 for any free one
 * @param durable fsync and synchronous commit on; only throwaway test clusters turn it off
 * @param startupTimeout how long to wait for the server (crash recovery can take a while)
 */
@ConfigurationProperties("agendador.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") Path dir,
        @DefaultValue("0") int port,
        @DefaultValue("true") boolean durable,
        @DefaultValue("120s") Duration startupTimeout) {
}

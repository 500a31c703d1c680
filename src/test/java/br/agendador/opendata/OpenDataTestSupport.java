package br.agendador.opendata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app with an administrator and a folder for dumps; each test starts and ends with nothing
 * imported, so no other test finds its CNPJs answered from a local register.
 */
@IntegrationTest
abstract class OpenDataTestSupport {

    @Autowired
    Api api;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dumps;

    Session admin;

    @BeforeEach
    void administrator() {
        forgetImports();
        admin = api.newAdministrator(accounts);
    }

    @AfterEach
    void forgetImports() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM open_data_imports WHERE status IN ('QUEUED', 'RUNNING')").query(Long.class).single() == 0
                || abandoned());
        OpenDataFixtures.forget(jdbc);
    }

    private boolean abandoned() {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND granted")
                .params(ImportRecords.LOCK_SPACE, ImportRecords.LOCK_KEY).query(Long.class).single() == 0;
    }

    Response startImport(String source) {
        return api.post("/api/v1/admin/open-data/imports", Map.of("source", source), admin.accessToken());
    }

    /** Imports the directory and waits for it to end; returns the finished import. */
    JsonNode importAndWait(Path directory) {
        Response started = startImport(directory.toString());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return awaitEnd(started.json().get("id").asLong());
    }

    JsonNode awaitEnd(long id) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/admin/open-data/imports/" + id, admin.accessToken()).json(),
                        state -> !state.get("status").asString().matches("QUEUED|RUNNING"));
    }

    long tableRows(String table) {
        return jdbc.sql("SELECT count(*) FROM opendata." + table).query(Long.class).single();
    }
}

package br.agendador.opendata;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import br.agendador.AgendadorApplication;
import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.support.Api.Response;
import br.agendador.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import stopped on request, killed with its process, run while lookups go on, and run from the
 * command line: in every case the served month keeps answering and a new import starts cleanly.
 */
class ImportControlTests extends OpenDataTestSupport {

    @Autowired
    DataSource dataSource;
    @Autowired
    CompanyLookup lookup;

    @Test
    void aCanceledImportLeavesThePreviousMonthServed() throws Exception {
        importAndWait(SampleDump.first(dumps));
        Path november = SampleDump.second(dumps);
        long id;
        try (Connection blocker = dataSource.getConnection()) {
            // the import's establishments lane waits on this lock: it is running, and stays so until canceled
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE opendata.estabelecimentos IN ACCESS EXCLUSIVE MODE");
            }
            Response started = startImport(november.toString());
            assertThat(started.status()).isEqualTo(202);
            id = started.json().get("id").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> phase(id), "LOADING"::equals);
            assertThat(startImport(november.toString()).status()).as("one import at a time").isEqualTo(409);

            Response canceled = api.delete("/api/v1/admin/open-data/imports/" + id, admin.accessToken());

            assertThat(canceled.status()).as(canceled.toString()).isEqualTo(202);
            JsonNode end = awaitEnd(id);
            assertThat(end.get("status").asString()).isEqualTo("CANCELED");
            blocker.rollback();
        }
        assertThat(api.delete("/api/v1/admin/open-data/imports/" + id, admin.accessToken()).status()).isEqualTo(409);
        assertServedAndClean("2026-10");
        assertThat(importAndWait(november).get("status").asString()).as("and a new one starts cleanly").isEqualTo("SUCCEEDED");
    }

    @Test
    void anImportWhoseProcessIsKilledLeavesThePreviousMonthServedAndCanBeStartedAgain() throws Exception {
        importAndWait(SampleDump.first(dumps));
        Path november = SampleDump.second(dumps);
        int port = freePort();
        Process other = otherProcess(port);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE opendata.estabelecimentos IN ACCESS EXCLUSIVE MODE");
            }
            String token = await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> otherLogin(port), given -> given != null);
            Response started = otherApi(port, token, november);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            long id = started.json().get("id").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() -> phase(id), "LOADING"::equals);

            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            blocker.rollback();

            JsonNode interrupted = awaitEnd(id);
            assertThat(interrupted.get("status").asString()).isEqualTo("FAILED");
            assertThat(interrupted.get("error").asString()).contains("Interrupted");
        } finally {
            other.destroyForcibly();
        }
        assertServedAndClean("2026-10");
        assertThat(importAndWait(november).get("status").asString()).isEqualTo("SUCCEEDED");
        assertServedAndClean("2026-11");
    }

    @Test
    void lookupsGoOnWhileAnImportRunsAndSeeTheNewMonthOnceSwapped() throws Exception {
        importAndWait(SampleDump.first(dumps));
        DumpWriter november = SampleDump.month(SampleDump.SECOND, true);
        for (int i = 0; i < 60_000; i++) {
            // enough more rows that the import runs for a while
            november.row(DumpKind.ESTABELECIMENTOS, String.format("%08d", 70_000_000 + i), "0001", "00", "1", "FILIAL " + i,
                    "02", "20200101", "00", "", "", "20200101", "4711302", "", "RUA", "DO COMÉRCIO", "1", "", "CENTRO",
                    "01001000", "SP", "7107", "", "", "", "", "", "", "", "", "");
        }
        Path directory = november.writeTo(dumps.resolve("2026-11"));
        List<Cnpj> companies = List.of(SampleDump.SUGAR, SampleDump.CLOSED, SampleDump.ALPHANUMERIC, SampleDump.SUGAR_BRANCH);
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger lookups = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            readers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; importing.get(); i++) {
                    Cnpj cnpj = companies.get(i % companies.size());
                    try {
                        LookupOutcome outcome = lookup.lookup(cnpj);
                        if (!(outcome instanceof LookupOutcome.Found(CompanySnapshot snapshot)) || !snapshot.source().equals("dadosabertos")) {
                            failures.add(cnpj + ": " + outcome);
                        }
                    } catch (RuntimeException e) {
                        failures.add(cnpj + ": " + e);
                    }
                    lookups.incrementAndGet();
                }
            }));
        }
        JsonNode done;
        try {
            done = importAndWait(directory);
        } finally {
            importing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(failures).as("no lookup failed during the import or its swap").isEmpty();
        assertThat(lookups.get()).isGreaterThan(50);
        LookupOutcome after = lookup.lookup(SampleDump.SUGAR);
        assertThat(((LookupOutcome.Found) after).snapshot().dataAsOf()).hasToString("2026-11-01");
    }

    @Test
    void theCommandLineImportsADirectoryAndSaysWhyNotWhenItCannot() throws Exception {
        Path good = SampleDump.first(dumps);
        Path bad = SampleDump.month(SampleDump.SECOND, false).writeTo(dumps.resolve("bad").resolve("2026-11"));
        Files.delete(bad.resolve("Simples.zip"));

        Command usage = command();
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.output()).contains("Usage:");

        Command refused = command(bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("Import refused").contains("missing Simples.zip");

        Command imported = command(good.toString());
        assertThat(imported.exit()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("SUCCEEDED").contains("3 rejected lines");
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).json().get("month").asString()).isEqualTo("2026-10");
    }

    private void assertServedAndClean(String month) {
        assertThat(api.get("/api/v1/admin/open-data", admin.accessToken()).json().get("month").asString()).isEqualTo(month);
        LookupOutcome outcome = lookup.lookup(SampleDump.SUGAR);
        assertThat(outcome).isInstanceOf(LookupOutcome.Found.class);
        assertThat(((LookupOutcome.Found) outcome).snapshot().dataAsOf()).hasToString(month + "-01");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'opendata' AND tablename LIKE '%\\_load'")
                .query(Long.class).single()).as("no load table left behind").isZero();
    }

    private String phase(long id) {
        return jdbc.sql("SELECT coalesce(phase, '') FROM open_data_imports WHERE id = ?").param(id).query(String.class).single();
    }

    // --- other processes --------------------------------------------------------------------

    private Process otherProcess(int port) throws IOException {
        Path log = Path.of("target", "open-data-other-process.log");
        return new ProcessBuilder(List.of(java(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                AgendadorApplication.class.getName(), "--server.port=" + port, "--agendador.roles=api",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--agendador.dispatch.autostart=false"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String otherLogin(int port) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + admin.email() + "\",\"password\":\""
                        + br.agendador.support.Api.PASSWORD + "\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return login.statusCode() == 200 ? tools.jackson.databind.json.JsonMapper.builder().build().readTree(login.body())
                .get("accessToken").asString() : null;
    }

    private Response otherApi(int port, String token, Path source) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/admin/open-data/imports"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"source\":\"" + source + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    private Command command(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                AgendadorApplication.class.getName(), OpenDataCommand.NAME));
        command.addAll(List.of(args));
        if (args.length > 0) {
            command.addAll(List.of("--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--spring.datasource.username=postgres",
                    "--spring.datasource.password="));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Command(process.exitValue(), output);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Command(int exit, String output) {
    }

}

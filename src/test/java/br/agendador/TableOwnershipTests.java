package br.agendador;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table has one owning module, and only that module's code names it in SQL: the others go
 * through its API or its events (ARCHITECTURE.md). {@code ModularityTests} checks the Java types a
 * module uses; this checks the SQL it writes, against the ownership map below, which every table
 * and view the migrations create must be in.
 */
class TableOwnershipTests {

    private static final Path SOURCES = Path.of("src", "main", "java", "br", "agendador");
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    /** Table or view → the module that owns it. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "users"),
            Map.entry("app_secrets", "auth"),
            Map.entry("refresh_tokens", "auth"),
            Map.entry("login_failures", "auth"),
            Map.entry("remember_me_tokens", "auth"),
            Map.entry("spring_session", "auth"),
            Map.entry("spring_session_attributes", "auth"),
            Map.entry("jobs", "jobs"),
            Map.entry("bulk_imports", "jobs"),
            Map.entry("job_attempts", "jobs"),
            Map.entry("job_attempts_so_far", "jobs"),
            Map.entry("job_counts", "jobs"),
            Map.entry("job_count_deltas", "jobs"),
            Map.entry("job_status_counts", "jobs"),
            Map.entry("job_idempotency_keys", "jobs"),
            Map.entry("job_search", "jobs"),
            Map.entry("company_snapshots", "lookup"),
            Map.entry("company_fetches", "lookup"),
            Map.entry("lookup_providers", "lookup"),
            Map.entry("mail_outbox", "notifications"),
            Map.entry("digests", "digest"),
            // Spring Modulith's event publication registry: the events module retries and reports it
            Map.entry("event_publication", "events"),
            Map.entry("open_data_imports", "opendata"),
            Map.entry("open_data_import_files", "opendata"),
            Map.entry("open_data_rejected_lines", "opendata"),
            Map.entry("opendata.empresas", "opendata"),
            Map.entry("opendata.estabelecimentos", "opendata"),
            Map.entry("opendata.socios", "opendata"),
            Map.entry("opendata.simples", "opendata"),
            Map.entry("opendata.cnaes", "opendata"),
            Map.entry("opendata.motivos", "opendata"),
            Map.entry("opendata.municipios", "opendata"),
            Map.entry("opendata.naturezas", "opendata"),
            Map.entry("opendata.paises", "opendata"),
            Map.entry("opendata.qualificacoes", "opendata"));

    /** Where SQL names a table: after these keywords (our SQL writes keywords in capitals). */
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|REFERENCES)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)\\b");
    private static final Pattern CREATED = Pattern.compile(
            "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+)?(?:TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_.]*)");

    @Test
    void everyModuleNamesOnlyItsOwnTablesInSql() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class, in no module
                }
                String module = relative.getName(0).toString();
                Matcher reference = TABLE_REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String table = reference.group(1);
                    String owner = OWNERS.get(table);
                    if (owner != null) {
                        named.add(table);
                        if (!owner.equals(module)) {
                            violations.add(relative + " (module " + module + ") names " + table + ", owned by " + owner);
                        }
                    }
                }
            }
        }
        assertThat(violations).as("SQL naming another module's table").isEmpty();
        assertThat(named).as("the scan finds the tables (it would pass trivially if it found none)")
                .contains("jobs", "job_attempts", "users", "mail_outbox", "company_snapshots", "opendata.estabelecimentos");
    }

    @Test
    void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.filter(path -> path.toString().endsWith(".sql")).toList()) {
                Matcher table = CREATED.matcher(Files.readString(migration));
                while (table.find()) {
                    created.add(table.group(1));
                }
            }
        }
        assertThat(created).isNotEmpty();
        assertThat(OWNERS.keySet()).as("tables and views in the ownership map").containsAll(created);
    }
}

package br.agendador.opendata;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dump's tables in schema {@code opendata} ({@code V54__open_data.sql}) and their load copies.
 *
 * <p>An import fills {@code opendata.<table>_load} (created LIKE the served table, so a migration
 * that changes a table changes what is loaded), builds its index once the rows are in (far cheaper
 * than keeping it up to date row by row) and, when every file is in, swaps all of them in one
 * transaction: the served tables become {@code <table>_old}, the loaded ones take their names, and
 * the old ones are dropped after the commit. A lookup waits a few milliseconds at most for the swap
 * and sees either month, never a mix.
 */
final class OpenDataTables {

    private static final Logger log = LoggerFactory.getLogger(OpenDataTables.class);

    /** The column each table is looked up by. */
    private static final Map<DumpKind, String> KEYS = Map.ofEntries(
            Map.entry(DumpKind.EMPRESAS, "cnpj_basico"),
            Map.entry(DumpKind.ESTABELECIMENTOS, "cnpj"),
            Map.entry(DumpKind.SOCIOS, "cnpj_basico"),
            Map.entry(DumpKind.SIMPLES, "cnpj_basico"),
            Map.entry(DumpKind.CNAES, "codigo"),
            Map.entry(DumpKind.MOTIVOS, "codigo"),
            Map.entry(DumpKind.MUNICIPIOS, "codigo"),
            Map.entry(DumpKind.NATUREZAS, "codigo"),
            Map.entry(DumpKind.PAISES, "codigo"),
            Map.entry(DumpKind.QUALIFICACOES, "codigo"));

    /**
     * The order the swap locks the served tables in: the order a lookup's statement names them
     * ({@link DumpRegister}: FROM first, then its subqueries in turn), so the two never wait on
     * each other in a cycle.
     */
    static final List<DumpKind> LOCK_ORDER = List.of(DumpKind.ESTABELECIMENTOS, DumpKind.EMPRESAS, DumpKind.SIMPLES,
            DumpKind.SOCIOS, DumpKind.QUALIFICACOES, DumpKind.CNAES, DumpKind.MOTIVOS, DumpKind.MUNICIPIOS,
            DumpKind.NATUREZAS, DumpKind.PAISES);

    private OpenDataTables() {
    }

    static String loadTable(DumpKind kind) {
        return kind.table() + "_load";
    }

    /** A fresh, empty load table; the caller's transaction goes on to COPY into it (FREEZE needs that). */
    static void createLoadTable(Connection connection, DumpKind kind) throws SQLException {
        execute(connection, "DROP TABLE IF EXISTS opendata." + loadTable(kind),
                "CREATE TABLE opendata." + loadTable(kind) + " (LIKE opendata." + kind.table() + " INCLUDING DEFAULTS)");
    }

    /** Builds the load table's index and its planner statistics, in its own transaction. */
    static void index(Connection connection, DumpKind kind, String memory, int workers) throws SQLException {
        String table = loadTable(kind);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = 0");
            statement.execute("SET LOCAL maintenance_work_mem = '" + memory + "'");
            statement.execute("SET LOCAL max_parallel_maintenance_workers = " + workers);
            statement.execute("CREATE INDEX " + indexName(table, kind) + " ON opendata." + table + " (" + KEYS.get(kind) + ")");
            statement.execute("ANALYZE opendata." + table);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Swaps every loaded table in, in the caller's transaction, waiting at most {@code lockTimeout}
     * for lookups in flight.
     */
    static void swap(Connection connection, String lockTimeout) throws SQLException {
        StringBuilder lock = new StringBuilder("LOCK TABLE ");
        for (int i = 0; i < LOCK_ORDER.size(); i++) {
            lock.append(i == 0 ? "" : ", ").append("opendata.").append(LOCK_ORDER.get(i).table());
        }
        execute(connection, "SET LOCAL lock_timeout = '" + lockTimeout + "'", lock.append(" IN ACCESS EXCLUSIVE MODE").toString());
        for (DumpKind kind : LOCK_ORDER) {
            String served = kind.table();
            String old = served + "_old";
            String loaded = loadTable(kind);
            execute(connection,
                    "ALTER TABLE opendata." + served + " RENAME TO " + old,
                    "ALTER INDEX IF EXISTS opendata." + indexName(served, kind) + " RENAME TO " + indexName(old, kind),
                    "ALTER TABLE opendata." + loaded + " RENAME TO " + served,
                    "ALTER INDEX opendata." + indexName(loaded, kind) + " RENAME TO " + indexName(served, kind));
        }
    }

    /** Drops the tables a swap replaced. */
    static void dropOld(Connection connection) throws SQLException {
        for (DumpKind kind : LOCK_ORDER) {
            execute(connection, "DROP TABLE IF EXISTS opendata." + kind.table() + "_old");
        }
    }

    /** What an interrupted import or swap left behind (a process killed mid-way). */
    static void dropLeftovers(Connection connection) throws SQLException {
        for (DumpKind kind : LOCK_ORDER) {
            execute(connection, "DROP TABLE IF EXISTS opendata." + loadTable(kind), "DROP TABLE IF EXISTS opendata." + kind.table() + "_old");
        }
        log.debug("Dropped any load tables an earlier import left");
    }

    private static String indexName(String table, DumpKind kind) {
        return table + "_" + KEYS.get(kind) + "_idx";
    }

    static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}

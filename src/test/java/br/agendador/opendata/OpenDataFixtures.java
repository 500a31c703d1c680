package br.agendador.opendata;

import java.nio.file.Path;

import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests outside this package (the web pages): a sample dump, and nothing imported afterwards. */
public final class OpenDataFixtures {

    private OpenDataFixtures() {
    }

    /** The sample dump's first month (2026-10), written under {@code parent}. */
    public static Path firstMonth(Path parent) {
        return SampleDump.first(parent);
    }

    /** Nothing imported, nothing served, no table left from an import, no snapshot read from it. */
    public static void forget(JdbcClient jdbc) {
        for (DumpKind kind : DumpKind.values()) {
            jdbc.sql("TRUNCATE opendata." + kind.table()).update();
            jdbc.sql("DROP TABLE IF EXISTS opendata." + kind.table() + "_load").update();
            jdbc.sql("DROP TABLE IF EXISTS opendata." + kind.table() + "_old").update();
        }
        jdbc.sql("DELETE FROM open_data_imports").update();
        jdbc.sql("DELETE FROM company_snapshots WHERE source = 'dadosabertos'").update();
    }
}

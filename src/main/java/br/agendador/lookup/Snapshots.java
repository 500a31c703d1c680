package br.agendador.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.FieldChange;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every snapshot of every company ({@code company_snapshots}), with what changed from the one
 * before. A company's current snapshot is its newest one that is not stale.
 */
@Repository
class Snapshots {

    /** First key of the transaction-scoped advisory locks that serialise storing one company's snapshots. */
    private static final int STORE_LOCKS = 0x534e4150;
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    Snapshots(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    Optional<CompanySnapshot> current(Cnpj cnpj) {
        return jdbc.sql("""
                SELECT snapshot, changes FROM company_snapshots
                 WHERE cnpj = ? AND NOT stale
                 ORDER BY fetched_at DESC, id DESC LIMIT 1""")
                .param(cnpj.value()).query(this::snapshot).optional();
    }

    /** The current snapshot, if it was fetched at or after {@code since} (the cache). */
    Optional<CompanySnapshot> currentSince(Cnpj cnpj, Instant since) {
        return current(cnpj).filter(snapshot -> !snapshot.fetchedAt().isBefore(since));
    }

    /**
     * Stores a snapshot just fetched, with what changed since the current one, and returns it with
     * those changes. If the provider served older Receita data than the current snapshot (a lagging
     * mirror), it is kept as stale, with no changes, and the current one stays current.
     */
    CompanySnapshot store(CompanySnapshot fetched) {
        return store(fetched, previous -> false);
    }

    /**
     * As {@link #store(CompanySnapshot)}, unless the current snapshot already says the same
     * ({@code same} tells): then that one is returned and nothing is stored. Checked under the same
     * lock as the store, so two lookups of one company never both decide to store.
     */
    CompanySnapshot store(CompanySnapshot fetched, Predicate<CompanySnapshot> same) {
        return transactions.execute(status -> {
            // the lock and the read in one statement: one round trip fewer per lookup
            Optional<CompanySnapshot> previous = jdbc.sql("""
                    SELECT s.snapshot, s.changes
                      FROM (SELECT pg_advisory_xact_lock(?, hashtext(?))) AS held
                      LEFT JOIN LATERAL (SELECT snapshot, changes FROM company_snapshots
                                          WHERE cnpj = ? AND NOT stale
                                          ORDER BY fetched_at DESC, id DESC LIMIT 1) s ON true""")
                    .params(STORE_LOCKS, fetched.cnpj(), fetched.cnpj())
                    .query((rs, row) -> rs.getString("snapshot") == null ? null : snapshot(rs, row)).optional();
            if (previous.isPresent() && same.test(previous.get())) {
                return previous.get();
            }
            boolean stale = previous.map(before -> isOlder(fetched, before)).orElse(false);
            List<FieldChange> changes = stale ? List.of() : previous.map(before -> SnapshotDiff.between(before, fetched))
                    .orElse(List.of());
            jdbc.sql("""
                    INSERT INTO company_snapshots (cnpj, fetched_at, source, data_as_of, stale, snapshot, changes)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""")
                    .params(fetched.cnpj(), ProviderState.utc(fetched.fetchedAt()), fetched.source(), fetched.dataAsOf(), stale,
                            json.writeValueAsString(fetched.withChanges(List.of())), json.writeValueAsString(changes))
                    .update();
            return fetched.withChanges(changes);
        });
    }

    /** The snapshots that brought changes, newest first. */
    List<ChangeSet> history(Cnpj cnpj, int limit) {
        return jdbc.sql("""
                SELECT fetched_at, source, data_as_of, changes FROM company_snapshots
                 WHERE cnpj = ? AND NOT stale AND changes <> '[]'::jsonb
                 ORDER BY fetched_at DESC, id DESC LIMIT ?""")
                .params(cnpj.value(), limit)
                .query((rs, row) -> new ChangeSet(rs.getObject("fetched_at", OffsetDateTime.class).toInstant(),
                        rs.getString("source"), rs.getObject("data_as_of", LocalDate.class),
                        json.readValue(rs.getString("changes"), CHANGES)))
                .list();
    }

    private CompanySnapshot snapshot(ResultSet rs, int row) throws SQLException {
        return json.readValue(rs.getString("snapshot"), CompanySnapshot.class)
                .withChanges(json.readValue(rs.getString("changes"), CHANGES));
    }

    private static boolean isOlder(CompanySnapshot fetched, CompanySnapshot current) {
        return fetched.dataAsOf() != null && current.dataAsOf() != null && fetched.dataAsOf().isBefore(current.dataAsOf());
    }

    /** One snapshot's changes, for a company's history. */
    record ChangeSet(Instant fetchedAt, String source, @Nullable LocalDate dataAsOf, List<FieldChange> changes) {
    }
}

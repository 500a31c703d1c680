package br.agendador.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return storeAll(List.of(new Storing(fetched, current -> false))).getFirst();
    }

    /**
     * As {@link #store(CompanySnapshot)} for each of {@code batch}, unless the current snapshot
     * already says the same ({@link Storing#same} tells): then that one is the answer and nothing is
     * stored. Checked under the same lock as the store, so two lookups of one company never both
     * decide to store. One transaction of three statements whatever the batch's size: the companies' locks (taken in the order of their keys,
     * so two batches never wait on each other in a cycle), their current snapshots, and the new
     * ones. A company twice in the batch is compared the second time with what the first stored.
     */
    List<CompanySnapshot> storeAll(List<Storing> batch) {
        return transactions.execute(status -> {
            String[] cnpjs = batch.stream().map(storing -> storing.fetched().cnpj()).distinct().toArray(String[]::new);
            jdbc.sql("""
                    SELECT count(pg_advisory_xact_lock(?, k.key))
                      FROM (SELECT DISTINCT hashtext(c) AS key FROM unnest(?::text[]) c ORDER BY 1 OFFSET 0) k""")
                    .params(STORE_LOCKS, cnpjs).query(Long.class).single();
            Map<String, CompanySnapshot> current = new HashMap<>();
            jdbc.sql("""
                    SELECT DISTINCT ON (cnpj) cnpj, snapshot, changes FROM company_snapshots
                     WHERE cnpj = ANY (?::text[]) AND NOT stale
                     ORDER BY cnpj, fetched_at DESC, id DESC""")
                    .param(cnpjs).query(rs -> {
                        current.put(rs.getString("cnpj"), snapshot(rs, 0));
                    });
            List<CompanySnapshot> answers = new ArrayList<>(batch.size());
            Rows rows = new Rows(batch.size());
            for (Storing storing : batch) {
                CompanySnapshot fetched = storing.fetched();
                CompanySnapshot previous = current.get(fetched.cnpj());
                if (previous != null && storing.same().test(previous)) {
                    answers.add(previous);
                    continue;
                }
                boolean stale = previous != null && isOlder(fetched, previous);
                List<FieldChange> changes = stale || previous == null ? List.of() : SnapshotDiff.between(previous, fetched);
                rows.add(fetched, stale, json.writeValueAsString(fetched.withChanges(List.of())), json.writeValueAsString(changes));
                CompanySnapshot stored = fetched.withChanges(changes);
                if (!stale) {
                    current.put(fetched.cnpj(), stored);
                }
                answers.add(stored);
            }
            if (!rows.isEmpty()) {
                jdbc.sql("""
                        INSERT INTO company_snapshots (cnpj, fetched_at, source, data_as_of, stale, snapshot, changes)
                        SELECT cnpj, fetched_at::timestamptz, source, data_as_of::date, stale, snapshot::jsonb, changes::jsonb
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[])
                               WITH ORDINALITY AS r (cnpj, fetched_at, source, data_as_of, stale, snapshot, changes, n)
                         ORDER BY n""")
                        .params(rows.cnpjs.toArray(String[]::new), rows.fetchedAt.toArray(String[]::new),
                                rows.sources.toArray(String[]::new), rows.dataAsOf.toArray(String[]::new),
                                rows.stale.toArray(Boolean[]::new), rows.snapshots.toArray(String[]::new),
                                rows.changes.toArray(String[]::new))
                        .update();
            }
            return answers;
        });
    }

    /** A snapshot to store, unless {@code same} says the current one already tells the same. */
    record Storing(CompanySnapshot fetched, Predicate<CompanySnapshot> same) {
    }

    /** The new rows of a batch, column by column. */
    private static final class Rows {

        final List<String> cnpjs;
        /** As text: the driver sends arrays of strings and numbers, not of dates. */
        final List<String> fetchedAt;
        final List<String> sources;
        final List<@Nullable String> dataAsOf;
        final List<Boolean> stale;
        final List<String> snapshots;
        final List<String> changes;

        Rows(int capacity) {
            cnpjs = new ArrayList<>(capacity);
            fetchedAt = new ArrayList<>(capacity);
            sources = new ArrayList<>(capacity);
            dataAsOf = new ArrayList<>(capacity);
            stale = new ArrayList<>(capacity);
            snapshots = new ArrayList<>(capacity);
            changes = new ArrayList<>(capacity);
        }

        void add(CompanySnapshot fetched, boolean isStale, String snapshot, String changed) {
            cnpjs.add(fetched.cnpj());
            fetchedAt.add(fetched.fetchedAt().toString());
            sources.add(fetched.source());
            dataAsOf.add(fetched.dataAsOf() == null ? null : fetched.dataAsOf().toString());
            stale.add(isStale);
            snapshots.add(snapshot);
            changes.add(changed);
        }

        boolean isEmpty() {
            return cnpjs.isEmpty();
        }
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

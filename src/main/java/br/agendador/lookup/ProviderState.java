package br.agendador.lookup;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every process knows about each provider, in {@code lookup_providers}: its cluster-wide rate
 * budget, the pause it asked for, and how its latest calls went.
 *
 * <p>The rate limit is a sliding window over the times of the latest calls, at most
 * {@code rate-limit} of them, taken under the provider's row lock: whichever processes make the
 * calls, no window of a minute ever holds more than the limit. (A token bucket lets through up to
 * twice its rate in some minute; providers counting per minute would answer 429.)
 */
@Repository
class ProviderState {

    /**
     * A minute, plus a second for the network: a call let through exactly a minute after another
     * may reach the provider a little sooner, relative to it, than it left here.
     */
    static final Duration WINDOW = Duration.ofSeconds(61);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProviderState(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Takes one call from the provider's budget, or says until when it must wait (its rate limit is
     * spent, or it asked us to pause).
     */
    Optional<Wait> admit(String provider, int perMinute) {
        Instant now = clock.instant();
        if (perMinute == 0) {
            return jdbc.sql("SELECT paused_until FROM lookup_providers WHERE name = ?").param(provider)
                    .query((rs, row) -> instant(rs, "paused_until")).optional()
                    .filter(until -> until != null && until.isAfter(now))
                    .map(until -> Wait.paused(until));
        }
        return transactions.execute(status -> {
            Budget budget = lockedBudget(provider);
            if (budget.pausedUntil() != null && budget.pausedUntil().isAfter(now)) {
                return Optional.of(Wait.paused(budget.pausedUntil()));
            }
            List<Instant> recent = budget.recentCalls().stream().filter(call -> call.isAfter(now.minus(WINDOW))).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
            if (recent.size() >= perMinute) {
                return Optional.of(new Wait(recent.get(recent.size() - perMinute).plus(WINDOW),
                        "rate limit of " + perMinute + "/min spent"));
            }
            recent.add(now);
            jdbc.sql("UPDATE lookup_providers SET recent_calls = CAST(? AS timestamptz[]) WHERE name = ?")
                    .params(arrayLiteral(recent.subList(Math.max(0, recent.size() - perMinute), recent.size())), provider)
                    .update();
            return Optional.<Wait>empty();
        });
    }

    /** The calls left in the current window: how many could go now. */
    static int remaining(Row row, int perMinute, Instant now) {
        long used = row.recentCalls().stream().filter(call -> call.isAfter(now.minus(WINDOW))).count();
        return (int) Math.max(0, perMinute - used);
    }

    void succeeded(String provider) {
        jdbc.sql("""
                INSERT INTO lookup_providers (name, last_success_at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET last_success_at = EXCLUDED.last_success_at""")
                .params(provider, utc(clock.instant())).update();
    }

    void failed(String provider, String error) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO lookup_providers (name, last_error_at, last_error) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET last_error_at = EXCLUDED.last_error_at, last_error = EXCLUDED.last_error""")
                .params(provider, utc(now), error).update();
    }

    /** The provider throttled us: nobody calls it before {@code until} (an earlier pause never shortens a later one). */
    void throttled(String provider, Instant until, String detail) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO lookup_providers (name, paused_until, last_throttled_at, last_error_at, last_error)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET
                    paused_until = GREATEST(lookup_providers.paused_until, EXCLUDED.paused_until),
                    last_throttled_at = EXCLUDED.last_throttled_at,
                    last_error_at = EXCLUDED.last_error_at,
                    last_error = EXCLUDED.last_error""")
                .params(provider, utc(until), utc(now), utc(now), detail).update();
    }

    void circuitChanged(String provider, String state) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO lookup_providers (name, circuit_state, circuit_changed_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET circuit_state = EXCLUDED.circuit_state,
                                                 circuit_changed_at = EXCLUDED.circuit_changed_at""")
                .params(provider, state, utc(now)).update();
    }

    Map<String, Row> all() {
        return jdbc.sql("""
                SELECT name, recent_calls, paused_until, last_success_at, last_error_at, last_error, last_throttled_at,
                       circuit_state, circuit_changed_at
                  FROM lookup_providers""")
                .query((rs, row) -> new Row(rs.getString("name"), instants(rs.getArray("recent_calls")),
                        instant(rs, "paused_until"), instant(rs, "last_success_at"), instant(rs, "last_error_at"),
                        rs.getString("last_error"), instant(rs, "last_throttled_at"), rs.getString("circuit_state"),
                        instant(rs, "circuit_changed_at")))
                .list().stream().collect(Collectors.toMap(Row::name, Function.identity()));
    }

    private Budget lockedBudget(String provider) {
        Optional<Budget> budget = selectForUpdate(provider);
        if (budget.isPresent()) {
            return budget.get();
        }
        jdbc.sql("INSERT INTO lookup_providers (name) VALUES (?) ON CONFLICT (name) DO NOTHING").param(provider).update();
        return selectForUpdate(provider).orElseThrow();
    }

    private Optional<Budget> selectForUpdate(String provider) {
        return jdbc.sql("SELECT recent_calls, paused_until FROM lookup_providers WHERE name = ? FOR UPDATE")
                .param(provider)
                .query((rs, row) -> new Budget(instants(rs.getArray("recent_calls")), instant(rs, "paused_until")))
                .optional();
    }

    private static String arrayLiteral(List<Instant> instants) {
        return instants.stream().map(instant -> '"' + instant.toString() + '"').collect(Collectors.joining(",", "{", "}"));
    }

    private static List<Instant> instants(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(element -> ((Timestamp) element).toInstant()).toList();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** As timestamptz, whatever the JVM's and the session's time zones. */
    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Not before {@code until}, and why. */
    record Wait(Instant until, String reason) {

        static Wait paused(Instant until) {
            return new Wait(until, "paused at its request until " + until);
        }
    }

    private record Budget(List<Instant> recentCalls, @Nullable Instant pausedUntil) {
    }

    /** One provider's row, for the admin view. */
    record Row(String name, List<Instant> recentCalls, @Nullable Instant pausedUntil, @Nullable Instant lastSuccessAt,
            @Nullable Instant lastErrorAt, @Nullable String lastError, @Nullable Instant lastThrottledAt,
            @Nullable String circuitState, @Nullable Instant circuitChangedAt) {
    }
}

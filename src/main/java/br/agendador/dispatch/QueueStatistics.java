package br.agendador.dispatch;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The queue as gauges, sampled by the scheduler every heartbeat rather than on every scrape: due
 * jobs, the age of the oldest one, running jobs and running jobs past their lease. Each figure is
 * an index-only count or a few index probes.
 */
final class QueueStatistics {

    private static final String SAMPLE = """
            SELECT (SELECT count(*) FROM jobs WHERE status = 'SCHEDULED' AND scheduled_at <= now()) AS due,
                   (SELECT extract(epoch FROM now() - min(heads.first))::float8
                      FROM (SELECT (SELECT j.scheduled_at FROM jobs j
                                     WHERE j.status = 'SCHEDULED' AND j.priority = p AND j.scheduled_at <= now()
                                     ORDER BY j.scheduled_at LIMIT 1) AS first
                              FROM generate_series(1, 5) AS p) AS heads) AS oldest_due_seconds,
                   (SELECT count(*) FROM jobs WHERE status = 'RUNNING') AS running,
                   (SELECT count(*) FROM jobs WHERE status = 'RUNNING' AND lease_until < now()) AS expired""";

    private final DispatchTransactions transactions;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueMillis = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    QueueStatistics(DispatchTransactions transactions, DispatchMetrics metrics) {
        this.transactions = transactions;
        metrics.gauge("queue.due", "SCHEDULED jobs whose time has come", "jobs", due::get);
        metrics.gauge("queue.oldest.due.age", "How long the oldest due job has waited", "seconds",
                () -> oldestDueMillis.get() / 1000.0);
        metrics.gauge("queue.running", "RUNNING jobs, all workers together", "jobs", running::get);
        metrics.gauge("leases.expired", "RUNNING jobs past their lease, not yet taken back", "jobs", expired::get);
    }

    void sample() {
        transactions.jdbc().sql(SAMPLE).query(rs -> {
            due.set(rs.getLong("due"));
            @Nullable Double oldest = rs.getObject("oldest_due_seconds", Double.class);
            oldestDueMillis.set(oldest == null ? 0 : Math.round(oldest * 1000));
            running.set(rs.getLong("running"));
            expired.set(rs.getLong("expired"));
        });
    }
}

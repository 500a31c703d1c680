package br.agendador.jobs.queue;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** The queue's figures for the dispatcher's gauges: each an index-only count or a few index probes. */
final class QueueSampling {

    private static final String SAMPLE = """
            SELECT (SELECT count(*) FROM jobs WHERE status = 'SCHEDULED' AND scheduled_at <= now()) AS due,
                   (SELECT extract(epoch FROM now() - min(heads.first))::float8
                      FROM (SELECT (SELECT j.scheduled_at FROM jobs j
                                     WHERE j.status = 'SCHEDULED' AND j.priority = p AND j.scheduled_at <= now()
                                     ORDER BY j.scheduled_at LIMIT 1) AS first
                              FROM generate_series(1, 5) AS p) AS heads) AS oldest_due_seconds,
                   (SELECT count(*) FROM jobs WHERE status = 'RUNNING') AS running,
                   (SELECT count(*) FROM jobs WHERE status = 'RUNNING' AND lease_until < now()) AS expired""";

    private final QueueTransactions transactions;

    QueueSampling(QueueTransactions transactions) {
        this.transactions = transactions;
    }

    JobQueue.Sample sample() {
        return transactions.jdbc().sql(SAMPLE).query((rs, row) -> {
            @Nullable Double oldest = rs.getObject("oldest_due_seconds", Double.class);
            return new JobQueue.Sample(rs.getLong("due"), Duration.ofMillis(oldest == null ? 0 : Math.round(oldest * 1000)),
                    rs.getLong("running"), rs.getLong("expired"));
        }).single();
    }
}

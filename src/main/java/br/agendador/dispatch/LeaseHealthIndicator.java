package br.agendador.dispatch;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /actuator/health} component {@code dispatch}: RUNNING jobs past their lease. A few for a
 * moment are normal (a worker died and the scheduler has not looked yet); a job overdue by more
 * than a whole lease means nobody takes jobs back, i.e. no process runs the {@code scheduler} role.
 * That is reported as {@code DEGRADED} (HTTP 200): a page for an operator, not a reason for a load
 * balancer or an orchestrator to take this node out or restart it.
 */
final class LeaseHealthIndicator implements HealthIndicator {

    private static final String EXPIRED = """
            SELECT count(*) AS expired,
                   coalesce(extract(epoch FROM now() - min(lease_until)), 0) AS overdue_seconds
              FROM jobs
             WHERE status = 'RUNNING' AND lease_until < now()""";

    static final Status DEGRADED = new Status("DEGRADED", "jobs past their lease are not being taken back");

    private final JdbcClient jdbc;
    private final Duration lease;

    LeaseHealthIndicator(JdbcClient jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    @Override
    public Health health() {
        return jdbc.sql(EXPIRED).query((rs, row) -> {
            long expired = rs.getLong("expired");
            Duration overdue = Duration.ofMillis(Math.round(rs.getDouble("overdue_seconds") * 1000));
            Health.Builder health = overdue.compareTo(lease) > 0 ? Health.status(DEGRADED) : Health.up();
            return health.withDetail("expiredLeases", expired)
                    .withDetail("longestOverdue", overdue.toString())
                    .build();
        }).single();
    }
}

package br.agendador.dispatch;

import java.time.Duration;

import br.agendador.jobs.JobQueries;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health} component {@code dispatch}: RUNNING jobs past their lease. A few for a
 * moment are normal (a worker died and the scheduler has not looked yet); a job overdue by more
 * than a whole lease means nobody takes jobs back, i.e. no process runs the {@code scheduler} role.
 * That is reported as {@code DEGRADED} (HTTP 200): a page for an operator, not a reason for a load
 * balancer or an orchestrator to take this node out or restart it.
 */
final class LeaseHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "jobs past their lease are not being taken back");

    private final JobQueries jobs;
    private final Duration lease;

    LeaseHealthIndicator(JobQueries jobs, Duration lease) {
        this.jobs = jobs;
        this.lease = lease;
    }

    @Override
    public Health health() {
        JobQueries.ExpiredLeases expired = jobs.expiredLeases();
        Health.Builder health = expired.longestOverdue().compareTo(lease) > 0 ? Health.status(DEGRADED) : Health.up();
        return health.withDetail("expiredLeases", expired.count())
                .withDetail("longestOverdue", expired.longestOverdue().toString())
                .build();
    }
}

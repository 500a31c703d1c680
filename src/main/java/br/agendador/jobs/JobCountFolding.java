package br.agendador.jobs;

import java.time.Duration;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Folds the status-count deltas that job changes append into the per-user counters. Safe with
 * several schedulers (a delta is deleted by exactly one of them, and deltas appended meanwhile wait
 * for the next pass), yet run by one at a time, so they do not queue on the same counters.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
public class JobCountFolding extends BackgroundLoop {

    private final JdbcClient jdbc;
    private final Duration interval;

    JobCountFolding(JdbcClient jdbc, BackgroundWork work,
            @Value("${agendador.jobs.count-folding-interval:PT5S}") Duration interval) {
        super("job-count-folding", work, BackgroundWork.Options.defaults().startingAfter(interval).exclusiveInCluster(interval));
        this.jdbc = jdbc;
        this.interval = interval;
    }

    @Override
    protected Duration runOnce() {
        fold();
        return interval;
    }

    public int fold() {
        return jdbc.sql("""
                        WITH folded AS (DELETE FROM job_count_deltas RETURNING user_id, status, jobs)
                        INSERT INTO job_counts (user_id, status, jobs)
                        SELECT user_id, status, sum(jobs) FROM folded
                         GROUP BY user_id, status ORDER BY user_id, status
                        ON CONFLICT (user_id, status) DO UPDATE SET jobs = job_counts.jobs + EXCLUDED.jobs""")
                .update();
    }
}

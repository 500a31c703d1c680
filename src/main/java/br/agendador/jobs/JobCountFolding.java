package br.agendador.jobs;

import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the status-count deltas that job changes append into the per-user counters. Safe with
 * several schedulers: a delta is deleted by exactly one of them (the others skip rows already
 * gone), and deltas appended meanwhile wait for the next pass.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
public class JobCountFolding {

    private static final Logger log = LoggerFactory.getLogger(JobCountFolding.class);

    private final JdbcClient jdbc;

    JobCountFolding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${agendador.jobs.count-folding-interval:PT5S}")
    void foldPass() {
        try {
            fold();
        } catch (RuntimeException e) {
            log.warn("Folding job counts failed; the next pass tries again", e);
        }
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

package br.agendador.jobs;

import java.util.List;

import br.agendador.platform.deadletters.DeadLetter;
import br.agendador.platform.deadletters.DeadLetterKind;
import br.agendador.platform.deadletters.DeadLetterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jobs the dispatcher gave up on: FAILED, whether by a permanent error or with every attempt
 * used. They stay until a person retries them; {@code attempts} counts the tries of the last run.
 */
@Component
class FailedJobs implements DeadLetterSource {

    private final JdbcClient jdbc;

    FailedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DeadLetterKind kind() {
        return DeadLetterKind.JOB;
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT coalesce(sum(jobs), 0) FROM job_status_counts WHERE status = 'FAILED'")
                .query(Long.class).single();
    }

    @Override
    public List<DeadLetter> newest(int limit) {
        return jdbc.sql("""
                        SELECT id, user_id, cnpj, attempt - retry_base AS tries, last_error,
                               coalesce(finished_at, updated_at) AS failed_at
                          FROM jobs
                         WHERE status = 'FAILED'
                         ORDER BY failed_at DESC, id DESC
                         LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new DeadLetter(DeadLetterKind.JOB, Long.toString(rs.getLong("id")),
                        rs.getLong("user_id"), rs.getString("cnpj"), rs.getString("last_error"), rs.getInt("tries"),
                        rs.getTimestamp("failed_at").toInstant()))
                .list();
    }
}

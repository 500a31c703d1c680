package br.agendador.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import br.agendador.cnpj.CompanySnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Read access to jobs for the other modules. */
@Service
public class JobQueries {

    private static final String COLUMNS = """
            id, user_id, cnpj, status, priority, label, recurrence, scheduled_at, created_at, started_at,
            finished_at, attempt, last_error, result""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<JobDetails> find(long jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").param(jobId).query(this::details).optional();
    }

    /** The user's jobs that finished (any end state) in {@code [from, to)}, oldest first. */
    public List<JobDetails> finishedBetween(long userId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM jobs
                        WHERE user_id = ? AND finished_at >= ? AND finished_at < ?
                        ORDER BY finished_at, id""")
                .params(userId, Timestamp.from(from), Timestamp.from(to))
                .query(this::details).list();
    }

    private JobDetails details(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result");
        return new JobDetails(rs.getLong("id"), rs.getLong("user_id"), rs.getString("cnpj"),
                JobStatus.valueOf(rs.getString("status")), rs.getInt("priority"), rs.getString("label"),
                Recurrence.valueOf(rs.getString("recurrence")), instant(rs, "scheduled_at"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getInt("attempt"), rs.getString("last_error"),
                result == null ? null : json.readValue(result, CompanySnapshot.class));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Whether the user has a SUCCEEDED job for this CNPJ: the companies API shows only companies the user looked up. */
    public boolean hasSucceeded(long userId, String cnpj) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM jobs WHERE user_id = ? AND cnpj = ? AND status = 'SUCCEEDED')")
                .params(userId, cnpj).query(Boolean.class).single();
    }
}

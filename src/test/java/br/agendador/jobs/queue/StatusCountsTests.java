package br.agendador.jobs.queue;

import java.util.List;
import java.util.Map;

import br.agendador.support.JobRows;
import br.agendador.jobs.JobCountFolding;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user status counters behind list totals and the dashboard stay equal to count(*) through
 * every path that changes a job's status (create, cancel, claim, finish, delete), heartbeats
 * change none of them, and a deleted user's counters and pending deltas go with it.
 */
@IntegrationTest
class StatusCountsTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobQueue queue;
    @Autowired
    JobCountFolding folding;

    @Test
    void everyStatusChangeMovesTheCountersAndHeartbeatsMoveNone() {
        Session user = api.newUser();
        api.send("POST", "/api/v1/jobs/bulk", "cnpj,priority\n11222333000181,5\n11444777000161,5\n33000167000101,5\n",
                "text/csv", user.accessToken(), Map.of());
        List<Long> ids = jdbc.sql("SELECT id FROM jobs WHERE user_id = ? ORDER BY id").param(user.userId())
                .query(Long.class).list();
        api.delete("/api/v1/jobs/" + ids.get(0), user.accessToken());
        // only this user's jobs are due, so the claim takes them
        JobRows.update(jdbc, "status = 'CANCELED' WHERE status = 'SCHEDULED' AND user_id <> ?", user.userId());

        List<ClaimedJob> claimed = queue.claim("counts-test", 1);
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(ids.get(1));
        assertThat(counts(user)).containsExactly(Map.of("status", "CANCELED", "jobs", 1L),
                Map.of("status", "RUNNING", "jobs", 1L), Map.of("status", "SCHEDULED", "jobs", 1L));
        long deltas = deltas();
        queue.renew(claimed);
        assertThat(deltas()).as("a heartbeat changes no status and writes no delta").isEqualTo(deltas);

        assertThat(queue.finish("counts-test", List.of(Completion.succeeded(claimed.getFirst(), "test", "{}", List.of()))))
                .hasSize(1);
        jdbc.sql("DELETE FROM jobs WHERE id = ?").param(ids.get(2)).update();

        assertThat(counts(user)).containsExactly(Map.of("status", "CANCELED", "jobs", 1L),
                Map.of("status", "SUCCEEDED", "jobs", 1L));
        folding.fold();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT status, count(*) AS jobs FROM jobs WHERE user_id = ? GROUP BY status) actual
                FULL JOIN (SELECT status, jobs FROM job_counts WHERE user_id = ? AND jobs <> 0) counted USING (status)
                WHERE actual.jobs IS DISTINCT FROM counted.jobs""").params(user.userId(), user.userId())
                .query(Long.class).single()).as("folded counters equal count(*)").isZero();
    }

    @Test
    void aDeletedUsersCountersGoWithItAndTheFoldCarriesOn() {
        Session gone = api.newUser();
        api.send("POST", "/api/v1/jobs/bulk", "cnpj\n11222333000181\n11444777000161\n", "text/csv", gone.accessToken(), Map.of());
        folding.fold();
        api.delete("/api/v1/jobs/" + jdbc.sql("SELECT min(id) FROM jobs WHERE user_id = ?").param(gone.userId())
                .query(Long.class).single(), gone.accessToken());
        assertThat(jdbc.sql("SELECT count(*) FROM job_count_deltas WHERE user_id = ?").param(gone.userId())
                .query(Long.class).single()).as("a delta waits to be folded").isPositive();

        jdbc.sql("DELETE FROM users WHERE id = ?").param(gone.userId()).update();

        assertThat(jdbc.sql("SELECT count(*) FROM job_count_deltas WHERE user_id = ?").param(gone.userId())
                .query(Long.class).single()).isZero();
        folding.fold();
        assertThat(jdbc.sql("SELECT count(*) FROM job_count_deltas").query(Long.class).single())
                .as("the fold did not fail on the deleted user").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM job_counts WHERE user_id = ?").param(gone.userId())
                .query(Long.class).single()).isZero();
    }

    private List<Map<String, Object>> counts(Session user) {
        return jdbc.sql("""
                        SELECT status, sum(jobs)::bigint AS jobs FROM job_status_counts WHERE user_id = ?
                         GROUP BY status HAVING sum(jobs) <> 0 ORDER BY status""")
                .param(user.userId()).query().listOfRows();
    }

    private long deltas() {
        return jdbc.sql("SELECT count(*) FROM job_count_deltas").query(Long.class).single();
    }
}

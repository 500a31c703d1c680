package br.agendador.jobs;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import br.agendador.dispatch.JobFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.JobRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/jobs/actions: one change for every job a filter matches, over HTTP. */
@IntegrationTest
class JobActionsApiTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void cancelsEveryScheduledJobTheFilterMatchesAndNothingElse() {
        Session ana = api.newUser();
        Session beto = api.newUser();
        bulk(ana, 2_500, "Fornecedor", 1);
        bulk(ana, 30, "Cliente", 5_001);
        bulk(beto, 40, "Fornecedor", 1);
        JobRows.update(jdbc, "status = 'SUCCEEDED', finished_at = now() WHERE id IN (SELECT id FROM jobs WHERE user_id = ?"
                + " AND label = 'Fornecedor' ORDER BY id LIMIT 100)", ana.userId());

        Response counted = act(ana, Map.of("action", "cancel", "filter", Map.of("q", "fornecedor"), "dryRun", true));
        assertThat(counted.status()).as(counted.toString()).isEqualTo(200);
        assertThat(counted.json().toString()).isEqualTo(
                "{\"action\":\"cancel\",\"matched\":2500,\"changed\":2400,\"skipped\":100,\"dryRun\":true}");
        assertThat(statuses(ana)).containsEntry("SCHEDULED", 2_430L).as("a dry run changes nothing");

        Response canceled = act(ana, Map.of("action", "cancel", "filter", Map.of("q", "fornecedor")));

        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        JsonNode result = canceled.json();
        assertThat(result.get("matched").asLong()).isEqualTo(2_500);
        assertThat(result.get("changed").asLong()).as("more than two batches").isEqualTo(2_400);
        assertThat(result.get("skipped").asLong()).as("the SUCCEEDED ones").isEqualTo(100);
        assertThat(statuses(ana)).containsExactlyInAnyOrderEntriesOf(Map.of("CANCELED", 2_400L, "SUCCEEDED", 100L,
                "SCHEDULED", 30L));
        assertThat(statuses(beto)).as("another user's jobs").containsExactlyInAnyOrderEntriesOf(Map.of("SCHEDULED", 40L));
        JsonNode counters = api.get("/api/v1/jobs?status=CANCELED&size=1", ana.accessToken()).json();
        assertThat(counters.get("page").get("totalElements").asLong()).as("the status counters moved too").isEqualTo(2_400);
    }

    @Test
    void retriesReschedulesAndReprioritisesOnlyJobsInAStateThatAllowsIt() {
        Session ana = api.newUser();
        bulk(ana, 20, "Lote", 1);
        JobRows.update(jdbc, "status = 'FAILED', finished_at = now(), last_error = 'timeout' WHERE id IN (SELECT id FROM jobs"
                + " WHERE user_id = ? ORDER BY id LIMIT 5)", ana.userId());

        Response retried = act(ana, Map.of("action", "retry", "filter", Map.of("status", List.of("FAILED", "SCHEDULED"))));
        assertThat(retried.json().get("changed").asLong()).isEqualTo(5);
        assertThat(retried.json().get("skipped").asLong()).as("SCHEDULED jobs cannot be retried").isEqualTo(15);
        assertThat(jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND status = 'SCHEDULED' AND last_error IS NULL"
                + " AND scheduled_at <= now()").param(ana.userId()).query(Long.class).single()).isEqualTo(5);

        Response moved = act(ana, Map.of("action", "reschedule", "scheduledAt", "2099-03-01T10:00:00-03:00"));
        assertThat(moved.json().get("changed").asLong()).isEqualTo(20);
        Response urgent = act(ana, Map.of("action", "priority", "priority", 5, "filter", Map.of("q", "lote")));
        assertThat(urgent.json().get("changed").asLong()).isEqualTo(20);
        assertThat(jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ? AND priority = 5 AND scheduled_at = '2099-03-01T13:00:00Z'")
                .param(ana.userId()).query(Long.class).single()).isEqualTo(20);
        JsonNode listed = api.get("/api/v1/jobs?sort=priority,desc&size=1", ana.accessToken()).json();
        assertThat(listed.get("content").get(0).get("priority").asInt()).as("lists read the new priority").isEqualTo(5);
    }

    @Test
    void badActionsAreRefusedWithAProblemAndChangeNothing() {
        Session ana = api.newUser();
        bulk(ana, 3, "Lote", 1);

        assertProblem(act(ana, Map.of("action", "delete")), "action");
        assertProblem(act(ana, Map.of("filter", Map.of())), "action");
        assertProblem(act(ana, Map.of("action", "reschedule")), "scheduledAt");
        assertProblem(act(ana, Map.of("action", "reschedule", "scheduledAt", "2001-01-01T00:00:00Z")), "scheduledAt");
        assertProblem(act(ana, Map.of("action", "reschedule", "scheduledAt", "amanhã")), "scheduledAt");
        assertProblem(act(ana, Map.of("action", "priority", "priority", 9)), "priority");
        assertProblem(act(ana, Map.of("action", "priority")), "priority");
        assertProblem(act(ana, Map.of("action", "cancel", "filter", Map.of("status", List.of("DONE")))), "status");
        assertProblem(act(ana, Map.of("action", "cancel", "filter", Map.of("from", "2026-12-31", "to", "2026-12-01"))), "to");
        Response unknownField = act(ana, Map.of("action", "cancel", "everything", true));
        assertThat(unknownField.status()).isEqualTo(400);

        assertThat(statuses(ana)).containsExactlyInAnyOrderEntriesOf(Map.of("SCHEDULED", 3L));
    }

    private void assertProblem(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.headers().get("Content-Type").getFirst()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"" + field + "\"");
    }

    private Response act(Session user, Map<String, ?> body) {
        return api.post("/api/v1/jobs/actions", body, user.accessToken());
    }

    /** {@code rows} jobs for the n-th CNPJs from {@code first}, late in 2099, all labelled {@code label}. */
    private void bulk(Session user, int rows, String label, int first) {
        StringBuilder csv = new StringBuilder("cnpj,scheduledAt,label\n");
        IntStream.range(0, rows).forEach(i -> {
            csv.append(JobFixtures.cnpj(first + i).value()).append(",2099-12-01T09:30:00-03:00,").append(label).append('\n');
        });
        Response created = api.send("POST", "/api/v1/jobs/bulk", csv.toString(), "text/csv", user.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("created").asInt()).isEqualTo(rows);
    }

    private Map<String, Long> statuses(Session user) {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM jobs WHERE user_id = ? GROUP BY status").param(user.userId())
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }
}

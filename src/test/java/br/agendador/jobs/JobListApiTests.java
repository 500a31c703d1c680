package br.agendador.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import br.agendador.support.JobRows;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/jobs, /admin/jobs and /stats: filters, sorting, paging, totals. */
@IntegrationTest
class JobListApiTests {

    /** Wednesday 2 December 2099, 12:00 UTC: 09:00 in São Paulo. */
    static final Instant NOW = Instant.parse("2099-12-02T12:00:00Z");

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;

    @Test
    void filtersByStatusCnpjPeriodAndText() {
        clock.set(NOW);
        Session user = api.newUser();
        long a = create(user, "11.222.333/0001-81", "2099-12-03T10:00:00Z", 3, "Fornecedor ACME");
        long b = create(user, "11.222.333/0002-62", "2099-12-04T10:00:00Z", 1, "Filial ACME");
        long c = create(user, "11.444.777/0001-61", "2099-12-05T10:00:00Z", 5, "Cliente 50%_off");
        long d = create(user, "12.ABC.345/01DE-35", "2099-12-06T10:00:00Z", 2, null);
        status(b, "FAILED");
        status(c, "NOT_FOUND");
        create(api.newUser(), "11.222.333/0001-81", "2099-12-03T10:00:00Z", 3, "someone else's");

        assertThat(ids(user, "")).containsExactly(d, c, b, a);
        assertThat(ids(user, "status=FAILED")).containsExactly(b);
        assertThat(ids(user, "status=failed,NOT_FOUND")).containsExactly(c, b);
        assertThat(ids(user, "status=FAILED&status=SCHEDULED")).containsExactly(d, b, a);
        assertThat(ids(user, "cnpj=11.222.333/0001-81")).containsExactly(a);
        assertThat(ids(user, "cnpj=11.222.333")).containsExactly(b, a);
        assertThat(ids(user, "cnpj=12abc")).containsExactly(d);
        assertThat(ids(user, "from=2099-12-04T10:00:00Z&to=2099-12-06T10:00:00Z")).containsExactly(c, b);
        assertThat(ids(user, "from=2099-12-04&to=2099-12-05")).as("dates are the user's days, to included")
                .containsExactly(c, b);
        assertThat(ids(user, "q=acme")).containsExactly(b, a);
        assertThat(ids(user, "q=FILIAL")).containsExactly(b);
        assertThat(ids(user, "q=0002-62")).as("part of the CNPJ").containsExactly(b);
        assertThat(ids(user, "q=50%25_")).as("% and _ are literal").containsExactly(c);
        assertThat(ids(user, "q=ACME&status=FAILED&cnpj=11222333")).containsExactly(b);
        assertThat(ids(user, "q=nothing-like-this")).isEmpty();
    }

    @Test
    void sortsByEachFieldBothWaysAndPages() {
        clock.set(NOW);
        Session user = api.newUser();
        long a = create(user, "11.222.333/0001-81", "2099-12-03T10:00:00Z", 3, null);
        clock.set(NOW.plusSeconds(60));
        long b = create(user, "11.444.777/0001-61", "2099-12-05T10:00:00Z", 1, null);
        clock.set(NOW.plusSeconds(30));
        long c = create(user, "33.000.167/0001-01", "2099-12-04T10:00:00Z", 5, null);
        long d = create(user, "00.000.000/0001-91", "2099-12-02T12:00:00Z", 3, null);
        status(b, "CANCELED");

        assertThat(ids(user, "sort=scheduledAt,desc")).containsExactly(b, c, a, d);
        assertThat(ids(user, "sort=scheduledAt,asc")).containsExactly(d, a, c, b);
        assertThat(ids(user, "sort=scheduledAt")).containsExactly(d, a, c, b);
        assertThat(ids(user, "sort=createdAt,desc")).containsExactly(b, d, c, a);
        assertThat(ids(user, "sort=createdAt,asc")).containsExactly(a, c, d, b);
        assertThat(ids(user, "sort=priority,desc")).as("ties by scheduled time, same direction").containsExactly(c, a, d, b);
        assertThat(ids(user, "sort=priority,asc")).containsExactly(b, d, a, c);
        assertThat(ids(user, "sort=status,asc")).containsExactly(b, d, a, c);
        assertThat(ids(user, "sort=STATUS,DESC")).containsExactly(c, a, d, b);

        JsonNode first = list(user, "size=3&sort=scheduledAt,asc").json();
        assertThat(first.get("content").size()).isEqualTo(3);
        assertPage(first.get("page"), 0, 3, 4, 2);
        JsonNode second = list(user, "size=3&page=1&sort=scheduledAt,asc").json();
        assertThat(second.get("content").get(0).get("id").asLong()).isEqualTo(b);
        assertPage(second.get("page"), 1, 3, 4, 2);
        JsonNode beyond = list(user, "size=3&page=7").json();
        assertThat(beyond.get("content").size()).isZero();
        assertPage(beyond.get("page"), 7, 3, 4, 2);
        assertPage(list(user, "size=4").json().get("page"), 0, 4, 4, 1);
        assertPage(list(user, "size=1000").json().get("page"), 0, 100, 4, 1);
        assertPage(list(api.newUser(), "").json().get("page"), 0, 20, 0, 0);
    }

    @Test
    void badListParametersAreA400NamingThem() {
        Session user = api.newUser();
        assertInvalid(list(user, "status=DONE"), "status");
        assertInvalid(list(user, "sort=label,asc"), "sort");
        assertInvalid(list(user, "sort=scheduledAt,up"), "sort");
        assertInvalid(list(user, "page=-1"), "page");
        assertInvalid(list(user, "size=0"), "size");
        assertInvalid(list(user, "size=ten"), "size");
        assertInvalid(list(user, "from=yesterday"), "from");
        assertInvalid(list(user, "from=2099-12-05&to=2099-12-01"), "to");
        assertInvalid(list(user, "cnpj=ACME!"), "cnpj");
    }

    @Test
    void administratorsSeeEveryonesJobsAndOthersAreForbidden() {
        clock.set(NOW);
        Session ana = api.newUser();
        Session bia = api.newUser();
        long anas = create(ana, "11.222.333/0001-81", "2099-12-03T10:00:00Z", 3, "admin-test");
        long bias = create(bia, "11.444.777/0001-61", "2099-12-04T10:00:00Z", 3, "admin-test");
        String adminEmail = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        accounts.ensureAdministrator(adminEmail, Api.PASSWORD);
        Session admin = api.login(adminEmail, Api.PASSWORD);

        Response all = api.get("/api/v1/admin/jobs?q=admin-test&size=100", admin.accessToken());
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        all.json().get("content").forEach(job -> ids.add(job.get("id").asLong()));
        assertThat(ids).contains(anas, bias);
        JsonNode first = all.json().get("content").get(0);
        assertThat(first.has("userId")).isTrue();
        assertThat(first.get("cnpjFormatted").asString()).isNotBlank();

        Response onlyAna = api.get("/api/v1/admin/jobs?userId=" + ana.userId(), admin.accessToken());
        assertThat(onlyAna.json().get("content").size()).isEqualTo(1);
        assertThat(onlyAna.json().get("content").get(0).get("userId").asLong()).isEqualTo(ana.userId());
        assertPage(onlyAna.json().get("page"), 0, 20, 1, 1);
        assertInvalid(api.get("/api/v1/admin/jobs?status=nope", admin.accessToken()), "status");

        Response forbidden = api.get("/api/v1/admin/jobs", ana.accessToken());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.isProblem()).isTrue();
        assertThat(api.get("/api/v1/admin/jobs", null).status()).isEqualTo(401);
    }

    @Test
    void statsCountPerStatusAndPerDayInTheUsersTimeZone() {
        clock.set(NOW);
        Session user = api.newUser();
        assertThat(api.patch("/api/v1/users/me", Map.of("timeZone", "America/Sao_Paulo"), user.accessToken()).status())
                .isEqualTo(200);
        create(user, "11.222.333/0001-81", "2099-12-02T12:00:00Z", 3, null);
        long late = create(user, "11.444.777/0001-61", "2099-12-03T02:00:00Z", 3, null);
        long next = create(user, "33.000.167/0001-01", "2099-12-03T12:00:00Z", 3, null);
        create(user, "00.000.000/0001-91", "2099-12-20T12:00:00Z", 3, null);
        status(late, "FAILED");
        status(next, "SUCCEEDED");

        Response response = api.get("/api/v1/stats?from=2099-12-01&to=2099-12-03", user.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode stats = response.json();
        assertThat(stats.get("from").asString()).isEqualTo("2099-12-01");
        assertThat(stats.get("to").asString()).isEqualTo("2099-12-03");
        assertThat(stats.get("timeZone").asString()).isEqualTo("America/Sao_Paulo");
        assertThat(stats.get("total").asLong()).isEqualTo(3);
        assertThat(stats.get("totals").get("SCHEDULED").asLong()).isEqualTo(1);
        assertThat(stats.get("totals").get("FAILED").asLong()).isEqualTo(1);
        assertThat(stats.get("totals").get("SUCCEEDED").asLong()).isEqualTo(1);
        assertThat(stats.get("totals").get("CANCELED").asLong()).isZero();
        JsonNode days = stats.get("days");
        assertThat(days.size()).isEqualTo(3);
        assertThat(days.get(0).get("date").asString()).isEqualTo("2099-12-01");
        assertThat(days.get(0).get("total").asLong()).isZero();
        assertThat(days.get(0).get("counts").get("SCHEDULED").asLong()).isZero();
        assertThat(days.get(1).get("date").asString()).isEqualTo("2099-12-02");
        assertThat(days.get(1).get("counts").get("SCHEDULED").asLong()).isEqualTo(1);
        assertThat(days.get(1).get("counts").get("FAILED").asLong())
                .as("02:00 UTC on the 3rd is 23:00 on the 2nd in São Paulo").isEqualTo(1);
        assertThat(days.get(2).get("counts").get("SUCCEEDED").asLong()).isEqualTo(1);
        assertThat(days.get(2).get("total").asLong()).isEqualTo(1);

        JsonNode byDefault = api.get("/api/v1/stats", user.accessToken()).json();
        assertThat(byDefault.get("to").asString()).isEqualTo("2099-12-02");
        assertThat(byDefault.get("from").asString()).isEqualTo("2099-11-03");
        assertThat(byDefault.get("days").size()).isEqualTo(30);
        assertThat(byDefault.get("total").asLong()).isEqualTo(2);

        assertInvalid(api.get("/api/v1/stats?from=2099-12-05&to=2099-12-01", user.accessToken()), "to");
        assertInvalid(api.get("/api/v1/stats?from=2098-01-01&to=2099-12-01", user.accessToken()), "to");
        assertInvalid(api.get("/api/v1/stats?from=01/12/2099", user.accessToken()), "from");
    }

    /** Searches and the sorts that read job_search (V51) follow edits, and deleted jobs leave it. */
    @Test
    void editsReachSearchesAndSortsAndDeletedJobsLeaveThem() {
        clock.set(NOW);
        Session user = api.newUser();
        long a = create(user, "11.222.333/0001-81", "2099-12-03T10:00:00Z", 3, "Fornecedor antigo");
        long b = create(user, "11.444.777/0001-61", "2099-12-04T10:00:00Z", 2, null);
        assertThat(ids(user, "q=antigo")).containsExactly(a);

        Response edited = api.patch("/api/v1/jobs/" + a, Map.of("label", "Fornecedor novo", "priority", 1,
                "scheduledAt", "2099-12-05T10:00:00Z"), user.accessToken());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(ids(user, "q=antigo")).isEmpty();
        assertThat(ids(user, "q=novo")).containsExactly(a);
        assertThat(ids(user, "sort=priority,desc")).containsExactly(b, a);
        assertThat(ids(user, "cnpj=11222333&from=2099-12-05&to=2099-12-05")).containsExactly(a);
        assertThat(ids(user, "sort=createdAt,asc&status=SCHEDULED")).containsExactly(a, b);

        assertThat(api.delete("/api/v1/jobs/" + b, user.accessToken()).status()).isEqualTo(204);
        jdbc.sql("DELETE FROM jobs WHERE id = ?").param(a).update();
        assertThat(jdbc.sql("SELECT count(*) FROM job_search WHERE id IN (?, ?)").params(a, b).query(Long.class)
                .single()).as("only the deleted job's row goes; a canceled job stays searchable").isEqualTo(1);
        assertThat(ids(user, "q=novo")).isEmpty();
    }

    long create(Session user, String cnpj, String scheduledAt, int priority, String label) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("cnpj", cnpj, "scheduledAt", scheduledAt,
                "priority", priority));
        if (label != null) {
            body.put("label", label);
        }
        Response created = api.post("/api/v1/jobs", body, user.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    void status(long id, String status) {
        JobRows.update(jdbc, "status = ? WHERE id = ?", status, id);
    }

    Response list(Session user, String query) {
        return api.get("/api/v1/jobs?" + query, user.accessToken());
    }

    List<Long> ids(Session user, String query) {
        Response response = list(user, query);
        assertThat(response.status()).as(query + ": " + response).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().get("content").forEach(job -> ids.add(job.get("id").asLong()));
        assertThat(response.json().get("page").get("totalElements").asLong()).as(query).isEqualTo(ids.size());
        return ids;
    }

    static void assertPage(JsonNode page, int number, int size, long totalElements, int totalPages) {
        assertThat(page.get("number").asInt()).isEqualTo(number);
        assertThat(page.get("size").asInt()).isEqualTo(size);
        assertThat(page.get("totalElements").asLong()).isEqualTo(totalElements);
        assertThat(page.get("totalPages").asInt()).isEqualTo(totalPages);
    }

    static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.toString()).contains(field);
    }
}

package br.agendador.jobs;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/jobs/bulk with CSV and JSON, over HTTP. */
@IntegrationTest
class JobBulkApiTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void createsTheValidRowsAndReportsEachBadLineWithWhy() {
        Session user = api.newUser();
        String csv = """
                cnpj,scheduledAt,priority,label
                11.222.333/0001-81,2099-12-01T09:30:00-03:00,4,Fornecedor ACME
                11444777000161,,,

                11.222.333/0001-00,,,typo
                00.000.000/0001-91,yesterday,,
                33.000.167/0001-01,,9,
                12.abc.345/01de-35,,2,"Filial, Recife"
                11222333000181,,,again
                """;
        Response response = bulkCsv(user, csv);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode result = response.json();
        assertThat(result.get("created").asInt()).isEqualTo(3);
        JsonNode rejected = result.get("rejected");
        assertThat(rejected.size()).isEqualTo(4);
        assertRejected(rejected.get(0), 5, "11.222.333/0001-00", "cnpj: check digits do not match");
        assertRejected(rejected.get(1), 6, "00.000.000/0001-91", "scheduledAt: 'yesterday' is not a date-time");
        assertRejected(rejected.get(2), 7, "33.000.167/0001-01", "priority: must be between 1");
        assertRejected(rejected.get(3), 9, "11222333000181", "repeats the CNPJ of line 2");

        List<Map<String, Object>> jobs = jdbc.sql("""
                SELECT cnpj, priority, label, scheduled_at, status FROM jobs WHERE user_id = ? ORDER BY cnpj""")
                .param(user.userId()).query().listOfRows();
        assertThat(jobs).extracting(row -> row.get("cnpj"))
                .containsExactly("11222333000181", "11444777000161", "12ABC34501DE35");
        assertThat(jobs.get(0).get("priority")).isEqualTo(4);
        assertThat(jobs.get(0).get("label")).isEqualTo("Fornecedor ACME");
        assertThat(((java.sql.Timestamp) jobs.get(0).get("scheduled_at")).toInstant())
                .isEqualTo(Instant.parse("2099-12-01T12:30:00Z"));
        assertThat(jobs.get(1).get("priority")).isEqualTo(3);
        assertThat(jobs.get(1).get("label")).isNull();
        assertThat(jobs.get(2).get("label")).isEqualTo("Filial, Recife");
        assertThat(jobs).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SCHEDULED"));
    }

    @Test
    void aCnpjAlreadyScheduledIsReportedNotCreatedTwice() {
        Session user = api.newUser();
        assertThat(api.post("/api/v1/jobs", Map.of("cnpj", "11.222.333/0001-81"), user.accessToken()).status())
                .isEqualTo(201);
        long canceled = api.post("/api/v1/jobs", Map.of("cnpj", "11.444.777/0001-61"), user.accessToken()).json()
                .get("id").asLong();
        api.delete("/api/v1/jobs/" + canceled, user.accessToken());
        Session other = api.newUser();
        api.post("/api/v1/jobs", Map.of("cnpj", "33.000.167/0001-01"), other.accessToken());

        Response response = bulkCsv(user, "cnpj\n11222333000181\n11444777000161\n33000167000101\n");
        JsonNode result = response.json();
        assertThat(result.get("created").asInt()).as("a canceled job or another user's does not count").isEqualTo(2);
        assertThat(result.get("rejected").size()).isEqualTo(1);
        assertRejected(result.get("rejected").get(0), 2, "11222333000181", "a SCHEDULED job for this CNPJ already exists");

        Response again = bulkCsv(user, "cnpj\n11222333000181\n11444777000161\n");
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("rejected").size()).isEqualTo(2);
        assertThat(jobs(user)).isEqualTo(4);
    }

    @Test
    void readsSpreadsheetExports() {
        Session user = api.newUser();
        String excel = "\uFEFFCNPJ;Label;Priority\r\n11.222.333/0001-81;Ação Ltda;5\r\n11.444.777/0001-61;;\r\n";
        Response semicolons = bulkCsv(user, excel);
        assertThat(semicolons.status()).as(semicolons.toString()).isEqualTo(201);
        assertThat(semicolons.json().get("created").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT label FROM jobs WHERE user_id = ? AND cnpj = '11222333000181'")
                .param(user.userId()).query(String.class).single()).isEqualTo("Ação Ltda");

        Session windows = api.newUser();
        byte[] latin = "cnpj,label\n11.222.333/0001-81,Pão de Açúcar\n".getBytes(Charset.forName("windows-1252"));
        Response legacy = api.send("POST", "/api/v1/jobs/bulk", new String(latin, Charset.forName("ISO-8859-1")),
                "text/csv; charset=ISO-8859-1", windows.accessToken(), Map.of());
        assertThat(legacy.status()).as(legacy.toString()).isEqualTo(201);
    }

    @Test
    void takesAJsonArrayAndReportsBadItemsByPosition() {
        Session user = api.newUser();
        String json = """
                [{"cnpj": "11.222.333/0001-81", "scheduledAt": "2099-01-01T00:00:00Z", "priority": 2},
                 {"cnpj": "11444777000161", "colour": "blue"},
                 "33000167000101",
                 {"cnpj": "123"},
                 {"cnpj": "12ABC34501DE35", "label": "alfa", "recurrence": "weekly"}]""";
        Response response = api.send("POST", "/api/v1/jobs/bulk", json, "application/json", user.accessToken(), Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode result = response.json();
        assertThat(result.get("created").asInt()).isEqualTo(2);
        assertRejected(result.get("rejected").get(0), 2, "11444777000161", "colour: is not a known field");
        assertRejected(result.get("rejected").get(1), 3, null, "must be a JSON object");
        assertRejected(result.get("rejected").get(2), 4, "123", "cnpj: must have 14 characters");
        assertThat(jdbc.sql("SELECT recurrence FROM jobs WHERE user_id = ? AND cnpj = '12ABC34501DE35'")
                .param(user.userId()).query(String.class).single()).isEqualTo("WEEKLY");
    }

    @Test
    void moreThanTenThousandRowsAreRefusedAndNothingIsStored() {
        Session user = api.newUser();
        List<String> cnpjs = TestCnpjs.numbered(1_000_000, 10_001);
        Response tooMany = bulkCsv(user, "cnpj\n" + String.join("\n", cnpjs) + "\n");
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(413);
        assertThat(tooMany.isProblem()).isTrue();
        assertThat(tooMany.json().get("detail").asString()).contains("at most 10000 rows").contains("nothing was stored");

        String json = cnpjs.stream().map(c -> "{\"cnpj\":\"" + c + "\"}").collect(Collectors.joining(",", "[", "]"));
        Response tooManyJson = api.send("POST", "/api/v1/jobs/bulk", json, "application/json", user.accessToken(),
                Map.of());
        assertThat(tooManyJson.status()).isEqualTo(413);
        assertThat(jobs(user)).isZero();

        Response justRight = bulkCsv(user, "cnpj\n" + String.join("\n", cnpjs.subList(0, 10_000)) + "\n");
        assertThat(justRight.status()).as(justRight.toString()).isEqualTo(201);
        assertThat(justRight.json().get("created").asInt()).isEqualTo(10_000);
        assertThat(jobs(user)).isEqualTo(10_000);
    }

    @Test
    void anUnreadableFileIsA400() {
        Session user = api.newUser();
        assertProblem(bulkCsv(user, "label,priority\nx,1\n"), 400, "no 'cnpj' column");
        assertProblem(bulkCsv(user, "cnpj,colour\n11222333000181,blue\n"), 400, "unknown columns 'colour'");
        assertProblem(bulkCsv(user, "cnpj,label,cnpj\n"), 400, "twice");
        assertProblem(bulkCsv(user, "\n\n"), 400, "empty");
        assertProblem(bulkCsv(user, "cnpj\n"), 400, "no rows");
        assertProblem(api.send("POST", "/api/v1/jobs/bulk", "", "text/csv", user.accessToken(), Map.of()), 400, "");
        assertProblem(api.send("POST", "/api/v1/jobs/bulk", "{\"cnpj\": \"11222333000181\"}", "application/json",
                user.accessToken(), Map.of()), 400, "array");
        assertProblem(api.send("POST", "/api/v1/jobs/bulk", "[{\"cnpj\": ", "application/json", user.accessToken(),
                Map.of()), 400, "Malformed JSON");
        assertProblem(api.send("POST", "/api/v1/jobs/bulk", "cnpj\n11222333000181", "application/xml",
                user.accessToken(), Map.of()), 415, "");
        assertThat(jobs(user)).isZero();
    }

    @Test
    void aLineWithMoreValuesThanColumnsIsRejectedAlone() {
        Session user = api.newUser();
        Response response = bulkCsv(user, "cnpj,label\n11222333000181,ACME, Ltda\n11444777000161,ok,\n");
        assertThat(response.json().get("created").asInt()).isEqualTo(1);
        assertRejected(response.json().get("rejected").get(0), 2, "11222333000181", "3 values but the header has 2");
    }

    private Response bulkCsv(Session user, String csv) {
        return api.send("POST", "/api/v1/jobs/bulk", csv, "text/csv", user.accessToken(), Map.of());
    }

    private long jobs(Session user) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ?").param(user.userId()).query(Long.class).single();
    }

    private static void assertRejected(JsonNode rejected, int line, String cnpj, String error) {
        assertThat(rejected.get("line").asInt()).as(rejected.toString()).isEqualTo(line);
        if (cnpj == null) {
            assertThat(rejected.get("cnpj").isNull()).as(rejected.toString()).isTrue();
        } else {
            assertThat(rejected.get("cnpj").asString()).as(rejected.toString()).isEqualTo(cnpj);
        }
        assertThat(rejected.get("error").asString()).as(rejected.toString()).contains(error);
    }

    private static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().get("detail").asString()).as(response.toString()).contains(detail);
    }
}

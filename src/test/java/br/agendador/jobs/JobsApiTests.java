package br.agendador.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import br.agendador.support.JobRows;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST, GET, PATCH, DELETE of /api/v1/jobs and retry, over HTTP, good and bad input. */
@IntegrationTest
class JobsApiTests {

    static final String ACME = "11.222.333/0001-81";
    static final String OTHER = "11.444.777/0001-61";

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void schedulesAJobForNowWithTheDefaultsAndShowsItWithItsRuns() {
        Session user = api.newUser();
        Instant before = Instant.now();
        Response created = api.post("/api/v1/jobs", Map.of("cnpj", ACME), user.accessToken());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json();
        long id = job.get("id").asLong();
        assertThat(created.header("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(job.get("cnpj").asString()).isEqualTo("11222333000181");
        assertThat(job.get("cnpjFormatted").asString()).isEqualTo(ACME);
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(job.get("priority").asInt()).isEqualTo(3);
        assertThat(job.get("recurrence").asString()).isEqualTo("NONE");
        assertThat(job.get("label").isNull()).isTrue();
        assertThat(job.get("attempt").asInt()).isZero();
        assertThat(job.get("result").isNull()).isTrue();
        assertThat(job.get("startedAt").isNull()).isTrue();
        assertThat(job.get("finishedAt").isNull()).isTrue();
        assertThat(job.get("lastError").isNull()).isTrue();
        assertThat(job.has("attempts")).as("only a single job's view lists its runs").isFalse();
        assertThat(Instant.parse(job.get("scheduledAt").asString())).isCloseTo(before, within(10, ChronoUnit.SECONDS));
        assertThat(job.get("createdAt").asString()).isEqualTo(job.get("scheduledAt").asString());

        Response read = api.get("/api/v1/jobs/" + id, user.accessToken());
        assertThat(read.status()).isEqualTo(200);
        JsonNode stored = read.json();
        for (String field : List.of("id", "cnpj", "cnpjFormatted", "status", "priority", "label", "recurrence",
                "scheduledAt", "createdAt", "startedAt", "finishedAt", "attempt", "lastError", "result")) {
            assertThat(stored.get(field)).as(field).isEqualTo(job.get(field));
        }
        assertThat(stored.get("attempts").isArray()).isTrue();
        assertThat(stored.get("attempts").size()).isZero();
    }

    @Test
    void takesEveryFieldAndAnyWayOfWritingTheCnpj() {
        Session user = api.newUser();
        Instant when = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Response created = api.post("/api/v1/jobs", Map.of("cnpj", " 12.abc.345/01de-35 ", "scheduledAt",
                when.atOffset(java.time.ZoneOffset.ofHours(-3)).toString(), "priority", 5, "label", "  Filial Recife ",
                "recurrence", "MONTHLY"), user.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json();
        assertThat(job.get("cnpj").asString()).isEqualTo("12ABC34501DE35");
        assertThat(job.get("cnpjFormatted").asString()).isEqualTo("12.ABC.345/01DE-35");
        assertThat(Instant.parse(job.get("scheduledAt").asString())).isEqualTo(when);
        assertThat(job.get("priority").asInt()).isEqualTo(5);
        assertThat(job.get("label").asString()).isEqualTo("Filial Recife");
        assertThat(job.get("recurrence").asString()).isEqualTo("MONTHLY");
    }

    @Test
    void anInvalidCnpjIsA400SayingWhyAndNothingIsStored() {
        Session user = api.newUser();
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", "11.222.333/0001-00"), user.accessToken()), "cnpj",
                "check digits do not match: expected 81, got 00");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", "11.222.333/0001"), user.accessToken()), "cnpj",
                "must have 14 characters");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", "11.222.333/0001-8!"), user.accessToken()), "cnpj",
                "not a digit");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", "11.111.111/1111-11"), user.accessToken()), "cnpj",
                "all characters equal");
        assertInvalid(api.post("/api/v1/jobs", Map.of("priority", 2), user.accessToken()), "cnpj", "is required");
        assertThat(count(user)).isZero();
    }

    @Test
    void theScheduledTimeMayNotBeMoreThanAMinuteAgoAndMustHaveAnOffset() {
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        Session user = api.newUser();
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "scheduledAt", "2026-12-01T08:58:00-03:00"),
                user.accessToken()), "scheduledAt", "is in the past");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "scheduledAt", "2026-12-01T09:00:00"),
                user.accessToken()), "scheduledAt", "ISO-8601 with offset");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "scheduledAt", "2026-13-01T09:00:00Z"),
                user.accessToken()), "scheduledAt", "date-time");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "scheduledAt", "amanhã"),
                user.accessToken()), "scheduledAt", "date-time");
        assertThat(count(user)).isZero();

        Response slightlyLate = api.post("/api/v1/jobs", Map.of("cnpj", ACME, "scheduledAt", "2026-12-01T08:59:30-03:00"),
                user.accessToken());
        assertThat(slightlyLate.status()).as("a client's 'now' may arrive a little late").isEqualTo(201);
        assertThat(slightlyLate.json().get("scheduledAt").asString()).isEqualTo("2026-12-01T11:59:30Z");
    }

    @Test
    void priorityIsFromOneToFiveAndOtherFieldsAreChecked() {
        Session user = api.newUser();
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "priority", 0), user.accessToken()), "priority",
                "between 1");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "priority", 6), user.accessToken()), "priority",
                "between 1");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "priority", "high"), user.accessToken()),
                "priority", "integer");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "recurrence", "YEARLY"), user.accessToken()),
                "recurrence", "one of");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "label", "x".repeat(201)), user.accessToken()),
                "label", "at most 200");
        assertInvalid(api.post("/api/v1/jobs", Map.of("cnpj", ACME, "colour", "blue"), user.accessToken()), "colour",
                "not a known field");
        Map<String, Object> many = new HashMap<>(Map.of("cnpj", "123", "priority", 9));
        Response both = api.post("/api/v1/jobs", many, user.accessToken());
        assertThat(both.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("cnpj", "priority");
        Response malformed = api.send("POST", "/api/v1/jobs", "{\"cnpj\": ", "application/json", user.accessToken(),
                Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(count(user)).isZero();
    }

    @Test
    void anotherUsersJobIsNotFound() {
        Session owner = api.newUser();
        Session stranger = api.newUser();
        long id = create(owner, ACME);
        for (Response response : List.of(api.get("/api/v1/jobs/" + id, stranger.accessToken()),
                api.patch("/api/v1/jobs/" + id, Map.of("priority", 1), stranger.accessToken()),
                api.delete("/api/v1/jobs/" + id, stranger.accessToken()),
                api.post("/api/v1/jobs/" + id + "/retry", null, stranger.accessToken()),
                api.get("/api/v1/jobs/999999999", owner.accessToken()))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.isProblem()).isTrue();
        }
        JsonNode job = api.get("/api/v1/jobs/" + id, owner.accessToken()).json();
        assertThat(job.get("priority").asInt()).isEqualTo(3);
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(api.get("/api/v1/jobs", stranger.accessToken()).json().get("page").get("totalElements").asLong())
                .isZero();
    }

    @Test
    void aScheduledJobCanBeEditedFieldByField() {
        Session user = api.newUser();
        long id = api.post("/api/v1/jobs", Map.of("cnpj", ACME, "label", "first", "priority", 2), user.accessToken())
                .json().get("id").asLong();
        setRun(id, "SCHEDULED", 3);
        String when = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();

        Response changed = api.patch("/api/v1/jobs/" + id, Map.of("cnpj", OTHER, "scheduledAt", when, "priority", 5,
                "recurrence", "WEEKLY"), user.accessToken());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode job = changed.json();
        assertThat(job.get("cnpj").asString()).isEqualTo("11444777000161");
        assertThat(job.get("scheduledAt").asString()).isEqualTo(when);
        assertThat(job.get("priority").asInt()).isEqualTo(5);
        assertThat(job.get("recurrence").asString()).isEqualTo("WEEKLY");
        assertThat(job.get("label").asString()).as("not sent, so unchanged").isEqualTo("first");
        assertThat(jdbc.sql("SELECT retry_base FROM jobs WHERE id = ?").param(id).query(Integer.class).single())
                .as("a person rescheduled it: the dispatcher counts tries from here").isEqualTo(3);
        assertThat(api.get("/api/v1/jobs/" + id, user.accessToken()).json().get("priority").asInt()).isEqualTo(5);

        Map<String, Object> removeLabel = new LinkedHashMap<>();
        removeLabel.put("label", null);
        assertThat(api.patch("/api/v1/jobs/" + id, removeLabel, user.accessToken()).json().get("label").isNull()).isTrue();
        assertThat(api.patch("/api/v1/jobs/" + id, Map.of(), user.accessToken()).json().get("priority").asInt())
                .isEqualTo(5);

        assertInvalid(api.patch("/api/v1/jobs/" + id, Map.of("priority", 0), user.accessToken()), "priority", "between");
        assertInvalid(api.patch("/api/v1/jobs/" + id, Map.of("cnpj", "11.222.333/0001-00"), user.accessToken()), "cnpj",
                "check digits");
        assertInvalid(api.patch("/api/v1/jobs/" + id, Map.of("scheduledAt", "2020-01-01T00:00:00Z"), user.accessToken()),
                "scheduledAt", "in the past");
        assertInvalid(api.patch("/api/v1/jobs/" + id, Map.of("status", "SUCCEEDED"), user.accessToken()), "status",
                "not a known field");
        assertThat(api.get("/api/v1/jobs/" + id, user.accessToken()).json().get("status").asString()).isEqualTo("SCHEDULED");
    }

    @Test
    void onlyScheduledJobsCanBeEditedOrCanceled() {
        Session user = api.newUser();
        for (String status : List.of("RUNNING", "SUCCEEDED", "NOT_FOUND", "FAILED", "CANCELED")) {
            long id = create(user, ACME);
            setRun(id, status, 1);
            Response edit = api.patch("/api/v1/jobs/" + id, Map.of("priority", 1), user.accessToken());
            assertThat(edit.status()).as(status + ": " + edit).isEqualTo(409);
            assertThat(edit.isProblem()).isTrue();
            assertThat(edit.json().get("detail").asString()).contains(status).contains("only SCHEDULED");
            assertThat(api.delete("/api/v1/jobs/" + id, user.accessToken()).status()).as(status).isEqualTo(409);
            assertThat(jdbc.sql("SELECT status FROM jobs WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo(status);
        }
    }

    @Test
    void deletingCancelsTheJobAndKeepsIt() {
        Session user = api.newUser();
        long id = create(user, ACME);
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Response deleted = api.delete("/api/v1/jobs/" + id, user.accessToken());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        JsonNode job = api.get("/api/v1/jobs/" + id, user.accessToken()).json();
        assertThat(job.get("status").asString()).isEqualTo("CANCELED");
        assertThat(Instant.parse(job.get("finishedAt").asString())).isEqualTo(clock.instant());
        Response again = api.delete("/api/v1/jobs/" + id, user.accessToken());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("CANCELED");
    }

    @Test
    void aFailedOrNotFoundJobIsRetriedNowAndNothingElseIs() {
        Session user = api.newUser();
        long failed = create(user, ACME);
        setRun(failed, "FAILED", 8);
        jdbc.sql("UPDATE jobs SET last_error = 'all providers down' WHERE id = ?").param(failed).update();
        clock.set(Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
        user = api.login(user.email(), Api.PASSWORD);

        Response retried = api.post("/api/v1/jobs/" + failed + "/retry", null, user.accessToken());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        JsonNode job = retried.json();
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(job.get("scheduledAt").asString())).isEqualTo(clock.instant());
        assertThat(job.get("attempt").asInt()).as("the fencing token never goes back").isEqualTo(8);
        assertThat(job.get("lastError").isNull()).isTrue();
        assertThat(job.get("finishedAt").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT retry_base FROM jobs WHERE id = ?").param(failed).query(Integer.class).single())
                .isEqualTo(8);

        long notFound = create(user, OTHER);
        setRun(notFound, "NOT_FOUND", 1);
        assertThat(api.post("/api/v1/jobs/" + notFound + "/retry", null, user.accessToken()).status()).isEqualTo(200);

        for (String status : List.of("SCHEDULED", "RUNNING", "SUCCEEDED", "CANCELED")) {
            long id = create(user, ACME);
            setRun(id, status, 1);
            Response refused = api.post("/api/v1/jobs/" + id + "/retry", null, user.accessToken());
            assertThat(refused.status()).as(status).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("only FAILED or NOT_FOUND");
        }
    }

    @Test
    void aSucceededJobShowsItsCompanyAndItsRuns() {
        Session user = api.newUser();
        long id = create(user, ACME);
        JobRows.update(jdbc, """
                status = 'SUCCEEDED', attempt = 1, started_at = now(), finished_at = now(),
                       result = '{"cnpj":"11222333000181","legalName":"ACME LTDA","tradeName":null,
                       "registrationStatus":"ATIVA","registrationStatusDate":"2005-11-03",
                       "registrationStatusReason":null,"openedOn":"1990-01-01","legalNature":null,
                       "mainActivity":{"code":"6201501","description":"Desenvolvimento de software"},
                       "secondaryActivities":[],"address":null,"phone":null,"email":null,"shareCapital":1000.50,
                       "size":null,"simples":null,"mei":null,"partners":[],"stateRegistrations":[],
                       "source":"brasilapi","dataAsOf":"2026-11-01","fetchedAt":"2026-12-01T12:00:01Z",
                       "changes":[{"field":"legalName","from":"ACME","to":"ACME LTDA"}]}'::jsonb
                 WHERE id = ?""", id);
        jdbc.sql("""
                INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome, provider, error)
                VALUES (?, 1, 'host-a/1', '2026-12-01T12:00:00Z', '2026-12-01T12:00:01Z', 'SUCCEEDED', 'brasilapi', NULL)
                """).param(id).update();

        JsonNode job = api.get("/api/v1/jobs/" + id, user.accessToken()).json();
        assertThat(job.get("result").get("legalName").asString()).isEqualTo("ACME LTDA");
        assertThat(job.get("result").get("registrationStatus").asString()).isEqualTo("ATIVA");
        assertThat(job.get("result").get("changes").get(0).get("to").asString()).isEqualTo("ACME LTDA");
        JsonNode attempt = job.get("attempts").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("workerId").asString()).isEqualTo("host-a/1");
        assertThat(attempt.get("startedAt").asString()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(attempt.get("finishedAt").asString()).isEqualTo("2026-12-01T12:00:01Z");
        assertThat(attempt.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempt.get("provider").asString()).isEqualTo("brasilapi");
        assertThat(attempt.get("error").isNull()).isTrue();
        JsonNode listed = api.get("/api/v1/jobs?status=SUCCEEDED", user.accessToken()).json().get("content").get(0);
        assertThat(listed.get("result").get("source").asString()).isEqualTo("brasilapi");
    }

    @Test
    void theSameIdempotencyKeyAndRequestAnswerTheSameJobFor24Hours() {
        Session user = api.newUser();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("cnpj", ACME, "priority", 4);
        Response first = createWithKey(user, body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotency-Replayed")).isEmpty();
        long id = first.json().get("id").asLong();

        Response repeat = createWithKey(user, Map.of("cnpj", "11222333000181", "priority", 4), key);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json().get("id").asLong()).isEqualTo(id);
        assertThat(repeat.header("Idempotency-Replayed")).hasValue("true");
        assertThat(repeat.header("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(count(user)).isEqualTo(1);

        Response different = createWithKey(user, Map.of("cnpj", ACME, "priority", 5), key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.isProblem()).isTrue();
        assertThat(different.json().get("detail").asString()).contains("different request").contains(key);
        assertThat(count(user)).isEqualTo(1);

        Session other = api.newUser();
        assertThat(createWithKey(other, body, key).status()).as("keys belong to their user").isEqualTo(201);

        clock.set(Instant.now().plus(Duration.ofHours(25)));
        user = api.login(user.email(), Api.PASSWORD);
        Response later = createWithKey(user, body, key);
        assertThat(later.status()).as("the key expired").isEqualTo(201);
        assertThat(later.json().get("id").asLong()).isNotEqualTo(id);
        assertThat(count(user)).isEqualTo(2);
    }

    @Test
    void anIdempotencyKeyIsReplayedEvenWhenItsDefaultTimeHasPassed() {
        Session user = api.newUser();
        String key = UUID.randomUUID().toString();
        Response first = createWithKey(user, Map.of("cnpj", ACME), key);
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        user = api.login(user.email(), Api.PASSWORD);
        Response repeat = createWithKey(user, Map.of("cnpj", ACME), key);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));
    }

    @Test
    void aMalformedIdempotencyKeyIsA400AndAnInvalidRequestStoresNoKey() {
        Session user = api.newUser();
        assertInvalid(createWithKey(user, Map.of("cnpj", ACME), "x".repeat(256)), "Idempotency-Key", "255");
        String key = UUID.randomUUID().toString();
        assertInvalid(createWithKey(user, Map.of("cnpj", "123"), key), "cnpj", "14 characters");
        assertThat(createWithKey(user, Map.of("cnpj", ACME), key).status()).isEqualTo(201);
    }

    private Response createWithKey(Session user, Map<String, Object> body, String key) {
        return api.send("POST", "/api/v1/jobs", body, "application/json", user.accessToken(),
                Map.of("Idempotency-Key", key));
    }

    long create(Session user, String cnpj) {
        Response created = api.post("/api/v1/jobs", Map.of("cnpj", cnpj), user.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** Plays the dispatcher: puts the job in a state only a run can lead to. */
    void setRun(long id, String status, int attempt) {
        JobRows.update(jdbc, "status = ?, attempt = ? WHERE id = ?", status, attempt, id);
    }

    long count(Session user) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE user_id = ?").param(user.userId()).query(Long.class).single();
    }

    static void assertInvalid(Response response, String field, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(response.toString()).isNotNull();
        assertThat(errors.findValuesAsString("field")).as(response.toString()).contains(field);
        assertThat(errors.findValuesAsString("message")).as(response.toString()).anyMatch(m -> m.contains(message));
    }
}

package br.agendador.jobs;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Schedule CNPJ lookups, follow them, change, cancel and retry them."
        + " Each user sees only their own jobs; another user's job answers 404.")
class JobController {

    static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String CSV = "text/csv";

    private final Jobs jobs;
    private final JobActions actions;
    private final UserAccounts users;
    private final JsonMapper json;

    JobController(Jobs jobs, JobActions actions, UserAccounts users, JsonMapper json) {
        this.jobs = jobs;
        this.actions = actions;
        this.users = users;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Schedule a lookup",
            description = "Only `cnpj` is required, with or without punctuation, in any case (alphanumeric CNPJs"
                    + " too). `scheduledAt` is ISO-8601 with an offset, at most 1 minute in the past, default now;"
                    + " `priority` 1 (lowest) to 5 (highest), default 3; `label` up to 200 characters;"
                    + " `recurrence` NONE (default), DAILY, WEEKLY or MONTHLY.\n\n"
                    + "With an `Idempotency-Key` header, repeating the same request within 24 hours answers 200"
                    + " with the job created the first time (header `Idempotency-Replayed: true`) instead of"
                    + " creating another; the same key with a different request answers 422.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobRequest.class),
                    examples = {@ExampleObject(name = "full", value = JobExamples.CREATE),
                            @ExampleObject(name = "minimal", value = JobExamples.CREATE_MINIMAL)})))
    @ApiResponse(responseCode = "201", description = "Scheduled; `Location` is the job's URL", content = @Content(
            schema = @Schema(implementation = JobJson.class), examples = @ExampleObject(value = JobExamples.JOB)))
    @ApiResponse(responseCode = "200", description = "An earlier request with the same Idempotency-Key created it",
            content = @Content(schema = @Schema(implementation = JobJson.class),
                    examples = @ExampleObject(value = JobExamples.JOB)))
    @ApiResponse(responseCode = "400", description = "Invalid field (named in `errors`), unknown field, malformed"
            + " JSON or date", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.INVALID_CNPJ)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(value = JobExamples.KEY_REUSED)))
    ResponseEntity<JobJson> create(AuthenticatedUser user, @RequestBody JobRequest request,
            @Parameter(description = "Any unique string up to 255 characters, e.g. a UUID",
                    example = "7d1f3a52-63c4-4f0e-9a7d-2b9c1e0f8a11")
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        CreatedJob created = idempotencyKey == null
                ? new CreatedJob(jobs.create(user.id(), request.toNewJob()), false)
                : jobs.create(user.id(), request.toNewJob(), idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity
                .status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/jobs/" + created.job().id()));
        if (created.replayed()) {
            response.header("Idempotency-Replayed", "true");
        }
        return response.body(JobJson.of(created.job()));
    }

    @PostMapping(path = "/bulk", consumes = {CSV, "application/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_JSON_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Schedule up to 10,000 lookups at once",
            description = "Send `text/csv` with a header row naming the columns (`cnpj` required; `scheduledAt`,"
                    + " `priority`, `label`, `recurrence` optional, in any order; comma, semicolon or tab as separator;"
                    + " UTF-8 or Windows-1252), or a JSON array of objects shaped like the body of `POST /jobs`.\n\n"
                    + "Valid rows are all created in one transaction. Rows that are invalid, repeat a CNPJ of an"
                    + " earlier row, or name a CNPJ you already have a SCHEDULED job for are listed in `rejected`"
                    + " with their `line` (CSV: line of the file, the header being line 1; JSON: position in the"
                    + " array from 1) and why. More than 10,000 rows: 413 and nothing is stored. Bodies are limited"
                    + " to 4 MB.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
                    @Content(mediaType = CSV, schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "csv", value = JobExamples.BULK_CSV)),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = JobRequest.class)),
                            examples = @ExampleObject(name = "json", value = JobExamples.BULK_JSON))}))
    @ApiResponse(responseCode = "201", description = "How many were created, and the rejected rows",
            content = @Content(schema = @Schema(implementation = BulkResult.class),
                    examples = @ExampleObject(value = JobExamples.BULK_RESULT)))
    @ApiResponse(responseCode = "400", description = "Unreadable file: no header, no cnpj column, unknown column,"
            + " malformed JSON, no rows", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.BAD_CSV)))
    @ApiResponse(responseCode = "413", description = "More than 10,000 rows or 4 MB; nothing stored",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(value = JobExamples.TOO_MANY_ROWS)))
    BulkResult bulk(AuthenticatedUser user, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
            @RequestBody byte[] body) {
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return jobs.bulkCsv(user.id(), body);
        }
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (JacksonException e) {
            throw Problems.badRequest(RequestProblem.MALFORMED_JSON, e.getOriginalMessage());
        }
        return jobs.bulk(user.id(), JsonJobRows.read(array));
    }

    @GetMapping
    @Operation(summary = "List your jobs",
            description = "Filters combine: `status` (one or more, repeated or comma-separated), `cnpj` (the whole"
                    + " CNPJ or its beginning, any punctuation), `from`/`to` (scheduled time: a date-time with offset,"
                    + " or a date in your time zone, `to` included), `q` (text in the label, or part of the CNPJ)."
                    + " Sort by `scheduledAt` (default, newest first), `createdAt`, `priority` or `status`, with"
                    + " `,asc` or `,desc`; ties go by scheduled time, then arrival. Pages start at 0; `size` is at most"
                    + " 100.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobJson.Page.class),
            examples = @ExampleObject(value = JobExamples.PAGE)))
    @ApiResponse(responseCode = "400", description = "An unknown status or sort, a malformed date, a negative page",
            content = @Content(mediaType = PROBLEM))
    JobJson.Page list(AuthenticatedUser user,
            @Parameter(description = "SCHEDULED, RUNNING, SUCCEEDED, NOT_FOUND, FAILED, CANCELED", example = "FAILED,NOT_FOUND")
            @RequestParam(required = false) @Nullable List<String> status,
            @Parameter(example = "11.222.333") @RequestParam(required = false) @Nullable String cnpj,
            @Parameter(example = "2026-12-01") @RequestParam(required = false) @Nullable String from,
            @Parameter(example = "2026-12-31T23:59:59-03:00") @RequestParam(required = false) @Nullable String to,
            @Parameter(example = "acme") @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Jobs.DEFAULT_PAGE_SIZE) int size,
            @Parameter(example = "scheduledAt,desc") @RequestParam(defaultValue = "scheduledAt,desc") String sort) {
        JobFilter filter = JobListParameters.filter(status, cnpj, from, to, q, zoneOf(user));
        return JobJson.Page.of(jobs.list(user.id(), filter, JobSort.parse(sort), page, size), JobJson::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your jobs, with every run and the company found")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobJson.class),
            examples = @ExampleObject(value = JobExamples.JOB_WITH_ATTEMPTS)))
    @ApiResponse(responseCode = "404", description = "No such job of yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.NOT_FOUND)))
    JobJson get(AuthenticatedUser user, @PathVariable long id) {
        JobDetails job = jobs.get(user.id(), id);
        return JobJson.withAttempts(job, jobs.attempts(user.id(), id));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a SCHEDULED job",
            description = "Only the fields sent change; `\"label\": null` (or empty) removes the label. The same"
                    + " rules as for creating apply. 409 once the job has started, finished or been canceled.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = JobPatch.class),
                    examples = {@ExampleObject(name = "reschedule", value = JobExamples.PATCH),
                            @ExampleObject(name = "remove label", value = JobExamples.PATCH_REMOVE_LABEL)})))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobJson.class),
            examples = @ExampleObject(value = JobExamples.JOB)))
    @ApiResponse(responseCode = "400", description = "Invalid field", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.INVALID_CNPJ)))
    @ApiResponse(responseCode = "404", description = "No such job of yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "409", description = "The job is not SCHEDULED", content = @Content(
            mediaType = PROBLEM, examples = @ExampleObject(value = JobExamples.CONFLICT)))
    JobJson update(AuthenticatedUser user, @PathVariable long id, @RequestBody JobPatch patch) {
        return JobJson.of(jobs.update(user.id(), id, patch.toChange()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a SCHEDULED job", description = "The job stays, as CANCELED.")
    @ApiResponse(responseCode = "204", description = "Canceled")
    @ApiResponse(responseCode = "404", description = "No such job of yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "409", description = "Running, finished or already canceled", content = @Content(
            mediaType = PROBLEM, examples = @ExampleObject(value = JobExamples.CONFLICT)))
    void cancel(AuthenticatedUser user, @PathVariable long id) {
        jobs.cancel(user.id(), id);
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Run a FAILED or NOT_FOUND job again, now")
    @ApiResponse(responseCode = "200", description = "SCHEDULED again", content = @Content(
            schema = @Schema(implementation = JobJson.class), examples = @ExampleObject(value = JobExamples.JOB)))
    @ApiResponse(responseCode = "404", description = "No such job of yours", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(value = JobExamples.NOT_FOUND)))
    @ApiResponse(responseCode = "409", description = "The job is not FAILED or NOT_FOUND", content = @Content(
            mediaType = PROBLEM))
    JobJson retry(AuthenticatedUser user, @PathVariable long id) {
        return JobJson.of(jobs.retry(user.id(), id));
    }

    @PostMapping(path = "/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel, retry, reschedule or reprioritise every job a filter matches",
            description = "`filter` takes the list's filters (`status`, `cnpj`, `from`, `to`, `q`; none: all your jobs)."
                    + " `cancel` applies to SCHEDULED jobs, `retry` to FAILED and NOT_FOUND ones, `reschedule` (with"
                    + " `scheduledAt`) and `priority` (with `priority`, 1 to 5) to SCHEDULED ones; matching jobs in other"
                    + " states are left alone and counted as skipped, as are jobs a worker takes meanwhile. The jobs are"
                    + " changed a thousand at a time. `dryRun: true` only counts what would change, for a confirmation.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ActionRequest.class),
                    examples = @ExampleObject(value = JobExamples.ACTION))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobActionResult.class),
            examples = @ExampleObject(value = JobExamples.ACTION_RESULT)))
    @ApiResponse(responseCode = "400", description = "An unknown action, a missing or invalid scheduledAt or priority, an"
            + " invalid filter", content = @Content(mediaType = PROBLEM))
    JobActionResult act(AuthenticatedUser user, @RequestBody ActionRequest request) {
        if (request.action() == null || request.action().isBlank()) {
            throw Problems.invalid("action", JobProblem.ACTION, "");
        }
        JobAction.Kind kind = JobActions.kind(request.action());
        ActionFilter given = request.filter() == null ? new ActionFilter(null, null, null, null, null) : request.filter();
        JobFilter filter = JobListParameters.filter(given.status(), given.cnpj(), given.from(), given.to(), given.q(),
                zoneOf(user));
        return actions.apply(user.id(), filter, new JobAction(kind, dateTime("scheduledAt", request.scheduledAt()),
                request.priority()), Boolean.TRUE.equals(request.dryRun()));
    }

    private static @Nullable Instant dateTime(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.invalid(field, JobProblem.DATE_TIME, text);
        }
    }

    private Supplier<ZoneId> zoneOf(AuthenticatedUser user) {
        return () -> users.find(user.id()).map(UserAccount::timeZone)
                .orElseThrow(() -> Problems.notFound(JobProblem.ACCOUNT_GONE));
    }

    /** The body of {@code POST /jobs/actions}. */
    @Schema(name = "JobActionRequest")
    record ActionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"cancel", "retry", "reschedule", "priority"},
                    example = "retry") @Nullable String action,
            @Nullable ActionFilter filter,
            @Schema(description = "For reschedule: ISO-8601 with offset, not in the past", format = "date-time",
                    example = "2099-12-01T09:30:00-03:00") @Nullable String scheduledAt,
            @Schema(description = "For priority: 1 (lowest) to 5 (highest)", example = "5") @Nullable Integer priority,
            @Schema(description = "Only count what would change", defaultValue = "false") @Nullable Boolean dryRun) {
    }

    /** The list's filters, as in {@code GET /jobs}. */
    @Schema(name = "JobActionFilter")
    record ActionFilter(
            @Schema(example = "[\"FAILED\", \"NOT_FOUND\"]") @Nullable List<String> status,
            @Schema(example = "11.222.333") @Nullable String cnpj,
            @Schema(example = "2026-12-01") @Nullable String from,
            @Schema(example = "2026-12-31") @Nullable String to,
            @Schema(example = "fornecedor") @Nullable String q) {
    }

    /** The body of {@code POST /jobs}, and each item of a JSON bulk import. */
    @Schema(name = "NewJob")
    record JobRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "11.222.333/0001-81") @Nullable String cnpj,
            @Schema(description = "ISO-8601 with offset; default now", format = "date-time",
                    example = "2099-12-01T09:30:00-03:00")
            @Nullable String scheduledAt,
            @Schema(description = "1 (lowest) to 5 (highest); default 3", example = "3") @Nullable Integer priority,
            @Schema(maxLength = JobInput.MAX_LABEL_LENGTH, example = "Fornecedor ACME") @Nullable String label,
            @Schema(description = "default NONE") @Nullable Recurrence recurrence) {

        NewJob toNewJob() {
            return new NewJob(cnpj, JobInput.dateTime("scheduledAt", scheduledAt), priority, label, recurrence);
        }
    }
}

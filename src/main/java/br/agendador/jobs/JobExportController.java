package br.agendador.jobs;

import java.time.ZoneId;
import java.util.List;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Your jobs as a file, with the list's filters and sort: CSV or XLSX, streamed. */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports", description = "Your jobs as CSV or XLSX, with the same filters as the list")
class JobExportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";


    private final JobExports exports;
    private final UserAccounts users;

    JobExportController(JobExports exports, UserAccounts users) {
        this.exports = exports;
        this.users = users;
    }

    @GetMapping(path = "/jobs.csv", produces = "text/csv")
    @Operation(summary = "Your jobs as CSV",
            description = "UTF-8 with a byte order mark, comma-separated, a header of the API's field names (id, cnpj,"
                    + " label, status, priority, scheduledAt, startedAt, finishedAt, attempt, source, legalName,"
                    + " registrationStatus, lastError); times in your time zone; a text starting with = + - @, a tab or a"
                    + " carriage return is written after an apostrophe so that no spreadsheet runs it. The filters and sort"
                    + " are the list's (`GET /jobs`).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    @ApiResponse(responseCode = "400", description = "An invalid filter", content = @Content(mediaType = JobController.PROBLEM))
    ResponseEntity<StreamingResponseBody> csv(AuthenticatedUser user,
            @Parameter(example = "FAILED,NOT_FOUND") @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String cnpj, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "scheduledAt,desc") String sort) {
        JobExports.Export export = prepare(user, status, cnpj, from, to, q, sort);
        return file(export, JobExports.Format.CSV);
    }

    @GetMapping(path = "/jobs.xlsx", produces = XLSX)
    @Operation(summary = "Your jobs as an Excel workbook",
            description = "The same columns as the CSV; times as date cells in your time zone, numbers as numbers, the"
                    + " rest as text, formulas neutralised the same way.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX))
    @ApiResponse(responseCode = "400", description = "An invalid filter", content = @Content(mediaType = JobController.PROBLEM))
    ResponseEntity<StreamingResponseBody> xlsx(AuthenticatedUser user,
            @Parameter(example = "FAILED,NOT_FOUND") @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String cnpj, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "scheduledAt,desc") String sort) {
        JobExports.Export export = prepare(user, status, cnpj, from, to, q, sort);
        return file(export, JobExports.Format.XLSX);
    }

    private JobExports.Export prepare(AuthenticatedUser user, @Nullable List<String> status, @Nullable String cnpj,
            @Nullable String from, @Nullable String to, @Nullable String q, String sort) {
        ZoneId zone = users.find(user.id()).map(UserAccount::timeZone)
                .orElseThrow(() -> Problems.notFound(JobProblem.ACCOUNT_GONE));
        JobFilter filter = JobListParameters.filter(status, cnpj, from, to, q, () -> zone);
        return exports.prepare(user.id(), filter, JobSort.parse(sort), zone);
    }

    private ResponseEntity<StreamingResponseBody> file(JobExports.Export export, JobExports.Format format) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(exports.fileName(export, format)).build().toString())
                .contentType(MediaType.parseMediaType(format.mediaType()))
                .body(out -> exports.write(export, format, out));
    }
}

package br.agendador.jobs;

import java.time.ZoneOffset;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Administration", description = "For users with the ADMIN role")
class AdminJobController {

    private final Jobs jobs;

    AdminJobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/admin/jobs")
    @Operation(summary = "Every user's jobs",
            description = "The same filters, sorting and paging as `GET /jobs`, plus `userId` for one owner; each job"
                    + " names its owner in `userId`. Plain dates in `from`/`to` are UTC days.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobJson.Page.class)))
    @ApiResponse(responseCode = "403", description = "Not an administrator",
            content = @Content(mediaType = JobController.PROBLEM))
    JobJson.Page list(
            @Parameter(description = "Only this user's jobs") @RequestParam(required = false) @Nullable Long userId,
            @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String cnpj,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Jobs.DEFAULT_PAGE_SIZE) int size,
            @RequestParam(defaultValue = "scheduledAt,desc") String sort) {
        JobFilter filter = JobListParameters.filter(status, cnpj, from, to, q, () -> ZoneOffset.UTC);
        return JobJson.Page.of(jobs.listAll(userId, filter, JobSort.parse(sort), page, size), JobJson::withOwner);
    }
}

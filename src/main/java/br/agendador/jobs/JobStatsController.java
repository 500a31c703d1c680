package br.agendador.jobs;

import java.time.ZoneId;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs")
class JobStatsController {

    private final Jobs jobs;
    private final UserAccounts users;

    JobStatsController(Jobs jobs, UserAccounts users) {
        this.jobs = jobs;
        this.users = users;
    }

    @GetMapping("/api/v1/stats")
    @Operation(summary = "How many of your jobs are in each status, in total and per day",
            description = "Days are your calendar days (the time zone of your profile); a job counts on the day it"
                    + " is scheduled for. `from` and `to` are dates (or date-times with offset, taken as the day they"
                    + " fall on), both included, at most 366 days apart; by default the last 30 days up to today."
                    + " Every day of the period is listed, with every status, zeros included.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobStats.class),
            examples = @ExampleObject(value = JobExamples.STATS)))
    @ApiResponse(responseCode = "400", description = "A malformed date, `to` before `from`, or a period too long",
            content = @Content(mediaType = JobController.PROBLEM))
    JobStats stats(AuthenticatedUser user,
            @Parameter(example = "2026-11-01") @RequestParam(required = false) @Nullable String from,
            @Parameter(example = "2026-11-30") @RequestParam(required = false) @Nullable String to) {
        java.util.function.Supplier<ZoneId> zone = () -> users.find(user.id()).map(UserAccount::timeZone)
                .orElseThrow(() -> Problems.notFound(JobProblem.ACCOUNT_GONE));
        return jobs.stats(user.id(), JobListParameters.date("from", from, zone), JobListParameters.date("to", to, zone));
    }
}

package br.agendador.platform.deadletters;

import java.util.List;
import java.util.Locale;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Administration")
class DeadLettersController {

    private static final String EXAMPLE = """
            {"content": [
              {"kind": "JOB", "id": "42", "userId": 7, "reference": "11222333000181",
               "error": "all providers failed: brasilapi: HTTP 503", "attempts": 8, "failedAt": "2026-11-25T14:02:11Z"},
              {"kind": "MAIL", "id": "913", "userId": 7, "reference": "job:42:finished:8",
               "error": "550 5.1.1 mailbox unavailable", "attempts": 5, "failedAt": "2026-11-25T13:40:00Z"},
              {"kind": "EVENT", "id": "0b7f6c1e-4c55-4a36-9d0b-5a4f5e0c2a11", "userId": 7,
               "reference": "JobSucceeded → BrokerPublisher.on", "error": null, "attempts": 3,
               "failedAt": "2026-11-25T12:00:00Z"}],
             "page": {"number": 0, "size": 20, "totalElements": 3, "totalPages": 1}}""";

    private final DeadLetters deadLetters;

    DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/dead-letters")
    @Operation(summary = "What the system gave up on",
            description = "Newest first: jobs that ended FAILED (a permanent error, or every attempt used), e-mails the"
                    + " SMTP server kept refusing, and event publications whose listener failed. Each module lists its"
                    + " own; `kind` keeps one of them. Pages start at 0, `size` is at most 100, and only the newest"
                    + " 10,000 are listed.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Page.class),
            examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "An unknown kind, a negative page, a size out of 1..100",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "403", description = "Not an administrator",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    Page list(@Parameter(description = "JOB, MAIL or EVENT") @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return Page.of(deadLetters.page(kind(kind), page, size));
    }

    static @Nullable DeadLetterKind kind(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DeadLetterKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("kind", RequestProblem.NOT_ONE_OF, text.strip(), "JOB, MAIL, EVENT");
        }
    }

    @Schema(name = "DeadLetterPage")
    record Page(List<DeadLetter> content, PageInfo page) {

        static Page of(DeadLetterPage page) {
            return new Page(page.content(),
                    new PageInfo(page.number(), page.size(), page.totalElements(), page.totalPages()));
        }
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }
}

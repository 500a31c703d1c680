package br.agendador.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import br.agendador.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/mailbox")
@Tag(name = "Mailbox", description = "The e-mails the product wrote to you, kept in the app (the only copy when no SMTP server is configured)")
class MailboxController {

    static final int MAX_PAGE_SIZE = 100;

    private final Mailbox mailbox;
    private final Clock clock;

    MailboxController(Mailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Your mails, newest first")
    MailboxPage list(AuthenticatedUser user, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw Problems.invalid("page", RequestProblem.PAGE_NEGATIVE, page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.invalid("size", RequestProblem.SIZE_RANGE, MAX_PAGE_SIZE, size);
        }
        Mailbox.Counts counts = mailbox.counts(user.id());
        List<MailJson> content = mailbox.page(user.id(), page, size).stream().map(MailJson::of).toList();
        long pages = (counts.total() + size - 1) / size;
        return new MailboxPage(content, new PageJson(page, size, counts.total(), pages), counts.unread());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your mails")
    MailJson one(AuthenticatedUser user, @PathVariable long id) {
        return mailbox.find(user.id(), id).map(MailJson::of).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of your mails read")
    @ApiResponse(responseCode = "204", description = "Marked read")
    ResponseEntity<Void> read(AuthenticatedUser user, @PathVariable long id) {
        if (!mailbox.markRead(user.id(), id, clock.instant())) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static RuntimeException notFound(long id) {
        return Problems.notFound(MailProblem.NOT_FOUND, id);
    }

    /**
     * @param delivery {@code IN_APP} (kept here only), {@code PENDING} (being sent by e-mail),
     *     {@code SENT}, {@code FAILED} (the mail server kept refusing it)
     */
    record MailJson(long id, String subject, String text, @Nullable String html, Instant createdAt, boolean read,
            String delivery, @Nullable Instant sentAt) {

        static MailJson of(Mailbox.Entry entry) {
            return new MailJson(entry.id(), entry.subject(), entry.text(), entry.html(), entry.createdAt(),
                    entry.read(), entry.delivery(), entry.sentAt());
        }
    }

    record MailboxPage(List<MailJson> content, PageJson page, long unread) {
    }

    record PageJson(int number, int size, long totalElements, long totalPages) {
    }
}

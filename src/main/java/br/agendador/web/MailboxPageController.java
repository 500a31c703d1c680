package br.agendador.web;

import java.time.Clock;

import br.agendador.notifications.Mailbox;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The viewer's in-app mailbox: every e-mail the product wrote to them (the only copy when no
 * SMTP server is configured). A mail's HTML is shown in a sandboxed frame (no scripts, no access
 * to this page), next to its text version; opening a mail marks it read.
 */
@Controller
@RequestMapping(MailboxPageController.PATH)
class MailboxPageController {

    static final String PATH = "/mailbox";
    static final String VIEW = "mailbox/list";
    static final String MAIL_VIEW = "mailbox/mail";
    static final int PAGE_SIZE = 20;

    private final Mailbox mailbox;
    private final Clock clock;

    MailboxPageController(Mailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @GetMapping
    String list(AuthenticatedUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        int number = Math.max(0, page);
        Mailbox.Counts counts = mailbox.counts(user.id());
        model.addAttribute("mails", mailbox.page(user.id(), number, PAGE_SIZE));
        model.addAttribute("counts", counts);
        model.addAttribute("page", number);
        model.addAttribute("totalPages", (counts.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return VIEW;
    }

    @GetMapping("/{id}")
    String open(AuthenticatedUser user, @PathVariable long id, Model model) {
        Mailbox.Entry mail = mailbox.find(user.id(), id).orElseThrow(() -> notFound(id));
        if (!mail.read()) {
            mailbox.markRead(user.id(), id, clock.instant());
        }
        model.addAttribute("mail", mail);
        return MAIL_VIEW;
    }

    /** Marks a mail read from the list without opening it; back to the list. */
    @PostMapping("/{id}/read")
    String markRead(AuthenticatedUser user, @PathVariable long id, @RequestParam(defaultValue = "0") int page) {
        read(user, id);
        return "redirect:" + PATH + (page > 0 ? "?page=" + page : "");
    }

    /** The same for htmx: just the mail's row again, now read. */
    @HxRequest
    @PostMapping("/{id}/read")
    String markReadFragment(AuthenticatedUser user, @PathVariable long id, Model model) {
        read(user, id);
        model.addAttribute("mail", mailbox.find(user.id(), id).orElseThrow(() -> notFound(id)));
        return VIEW + " :: row";
    }

    private void read(AuthenticatedUser user, long id) {
        if (!mailbox.markRead(user.id(), id, clock.instant())) {
            throw notFound(id);
        }
    }

    private static RuntimeException notFound(long id) {
        return Problems.notFound(RequestProblem.NO_SUCH_PATH, "/mailbox/" + id);
    }
}

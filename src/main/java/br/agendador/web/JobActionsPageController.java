package br.agendador.web;

import java.io.Serializable;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import br.agendador.jobs.JobAction;
import br.agendador.jobs.JobActionResult;
import br.agendador.jobs.JobActions;
import br.agendador.platform.security.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Apply to all N matching" from the job list: a confirmation that counts what the change would
 * do to the jobs the list's filters match (every page, not just the one shown), then the change
 * itself, done by {@link JobActions} in batches, and back to the same list with what it did.
 */
@Controller
class JobActionsPageController {

    static final String VIEW = "jobs/actions";
    static final String PATH = "/jobs/actions";
    /** Flash attribute: the {@link ActionDone} the list shows after an action. */
    static final String RESULT = "actionResult";

    private final JobActions actions;
    private final Clock clock;

    JobActionsPageController(JobActions actions, Clock clock) {
        this.actions = actions;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String confirm(AuthenticatedUser user, ZoneId zone, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable List<String> status, @RequestParam(required = false) @Nullable String cnpj,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, Model model, RedirectAttributes redirect) {
        JobListCriteria criteria = JobListCriteria.read(status, cnpj, from, to, q, null, null);
        JobAction.Kind kind = kind(action);
        if (kind == null) {
            redirect.addFlashAttribute(JobPageController.WARNING, "jobs.actions.choose");
            return "redirect:" + criteria.url();
        }
        ZonedDateTime later = clock.instant().atZone(zone).plusHours(1).truncatedTo(ChronoUnit.HOURS);
        return page(user, zone, criteria, kind, later.toLocalDate().toString(), later.toLocalTime().toString(), 5, null,
                model);
    }

    @PostMapping(PATH)
    String apply(AuthenticatedUser user, ZoneId zone, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable List<String> status, @RequestParam(required = false) @Nullable String cnpj,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String time, @RequestParam(required = false) @Nullable String priority,
            Model model, RedirectAttributes redirect) {
        JobListCriteria criteria = JobListCriteria.read(status, cnpj, from, to, q, null, null);
        JobAction.Kind kind = kind(action);
        if (kind == null) {
            redirect.addFlashAttribute(JobPageController.WARNING, "jobs.actions.choose");
            return "redirect:" + criteria.url();
        }
        Instant at = null;
        Integer newPriority = null;
        if (kind == JobAction.Kind.RESCHEDULE) {
            at = instant(date, time, zone);
            if (at == null) {
                return page(user, zone, criteria, kind, date, time, 5, "jobs.actions.problem.scheduledAt", model);
            }
        }
        if (kind == JobAction.Kind.PRIORITY) {
            newPriority = number(priority);
            if (newPriority == null) {
                return page(user, zone, criteria, kind, date, time, 5, "jobs.actions.problem.priority", model);
            }
        }
        try {
            JobActionResult done = actions.apply(user.id(), criteria.filter(zone), new JobAction(kind, at, newPriority), false);
            redirect.addFlashAttribute(RESULT, new ActionDone(done.action(), done.changed(), done.skipped()));
            return "redirect:" + criteria.url();
        } catch (ErrorResponseException refused) {
            return page(user, zone, criteria, kind, date, time, newPriority == null ? 5 : newPriority,
                    "jobs.actions.problem." + refusedField(refused), model);
        }
    }

    private String page(AuthenticatedUser user, ZoneId zone, JobListCriteria criteria, JobAction.Kind kind,
            @Nullable String date, @Nullable String time, int priority, @Nullable String problem, Model model) {
        model.addAttribute("criteria", criteria);
        model.addAttribute("action", kind.apiName());
        model.addAttribute("date", date == null ? "" : date);
        model.addAttribute("time", time == null ? "" : time);
        model.addAttribute("priority", priority);
        model.addAttribute("problem", problem);
        try {
            model.addAttribute("counted", actions.apply(user.id(), criteria.filter(zone), new JobAction(kind, null, null), true));
        } catch (ErrorResponseException refused) {
            model.addAttribute("problem", "jobs.actions.problem." + refusedField(refused));
        }
        return VIEW;
    }

    private static JobAction.@Nullable Kind kind(@Nullable String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        try {
            return JobActions.kind(action);
        } catch (ErrorResponseException unknown) {
            return null;
        }
    }

    private static @Nullable Instant instant(@Nullable String date, @Nullable String time, ZoneId zone) {
        try {
            return LocalDate.parse(date == null ? "" : date.strip())
                    .atTime(LocalTime.parse(time == null ? "" : time.strip())).atZone(zone).toInstant();
        } catch (DateTimeException unreadable) {
            return null;
        }
    }

    private static @Nullable Integer number(@Nullable String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The field a 400 names (scheduledAt, priority, cnpj, to), for its message. */
    private static String refusedField(ErrorResponseException problem) {
        return FormProblems.refusedField(problem).orElseThrow(() -> problem);
    }

    /** What an action did, for the list it returns to; kept in the (database-backed) session until shown. */
    record ActionDone(String action, long changed, long skipped) implements Serializable {
    }
}

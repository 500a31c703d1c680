package br.agendador.web;

import java.util.Locale;

import br.agendador.jobs.JobDetails;
import br.agendador.jobs.Jobs;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One job: its timeline, every run, and the company found; canceling (after a confirmation
 * page, so it works without JavaScript) and retrying it. Someone else's job is "not found",
 * exactly like a job that does not exist.
 */
@Controller
class JobPageController {

    static final String PATH = "/jobs/{id}";
    static final String VIEW = "jobs/detail";
    static final String LIVE_FRAGMENT = VIEW + " :: live";
    static final String CANCEL_VIEW = "jobs/cancel";
    /** The flash attribute naming the message key a page shows after a change. */
    static final String NOTICE = "notice";
    /** The flash attribute naming the message key of a change that could not be made. */
    static final String WARNING = "warning";

    private final Jobs jobs;

    JobPageController(Jobs jobs) {
        this.jobs = jobs;
    }

    static String path(long id) {
        return "/jobs/" + id;
    }

    @GetMapping(PATH)
    String showJob(AuthenticatedUser user, @PathVariable long id, Locale locale, Model model) {
        JobDetails job = jobs.get(user.id(), id);
        model.addAttribute("job", new JobView(job));
        model.addAttribute("attempts", jobs.attempts(user.id(), id));
        model.addAttribute("company", job.result() == null ? null : new CompanyView(job.result(), locale));
        return VIEW;
    }

    /** What changes while the job waits or runs: the poll of an open page swaps it. */
    @HxRequest
    @GetMapping(PATH)
    String showJobFragment(AuthenticatedUser user, @PathVariable long id, Locale locale, Model model) {
        showJob(user, id, locale, model);
        return LIVE_FRAGMENT;
    }

    @GetMapping(PATH + "/cancel")
    String confirmCancel(AuthenticatedUser user, @PathVariable long id, Model model) {
        model.addAttribute("job", new JobView(jobs.get(user.id(), id)));
        return CANCEL_VIEW;
    }

    @PostMapping(PATH + "/cancel")
    String cancel(AuthenticatedUser user, @PathVariable long id, RedirectAttributes redirect) {
        return change(id, () -> jobs.cancel(user.id(), id), redirect, "job.flash.canceled", "job.flash.cancelConflict");
    }

    @PostMapping(PATH + "/retry")
    String retry(AuthenticatedUser user, @PathVariable long id, RedirectAttributes redirect) {
        return change(id, () -> jobs.retry(user.id(), id), redirect, "job.flash.retried", "job.flash.retryConflict");
    }

    /**
     * Makes the change and goes back to the job with what happened; a job whose state changed
     * meanwhile is shown as it is now, with why nothing happened.
     */
    private static String change(long id, Runnable change, RedirectAttributes redirect, String done,
            String conflict) {
        try {
            change.run();
            redirect.addFlashAttribute(NOTICE, done);
        } catch (ErrorResponseException problem) {
            if (!problem.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                throw problem;
            }
            redirect.addFlashAttribute(WARNING, conflict);
        }
        return "redirect:" + path(id);
    }
}

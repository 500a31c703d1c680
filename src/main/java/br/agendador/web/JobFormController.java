package br.agendador.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;

import br.agendador.jobs.JobDetails;
import br.agendador.jobs.Jobs;
import br.agendador.jobs.Recurrence;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Scheduling a job and changing one that has not run yet: the same form. The page checks what it
 * alone knows (the CNPJ's shape, a readable date and time); the {@link Jobs} service has the last
 * word and its refusals appear next to the fields, in the viewer's language.
 */
@Controller
class JobFormController {

    static final String NEW_PATH = "/jobs/new";
    static final String EDIT_PATH = "/jobs/{id}/edit";
    static final String VIEW = "jobs/form";
    static final String FORM_FRAGMENT = VIEW + " :: form";
    static final String FORM = "jobForm";
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f-]{36}");

    private final Jobs jobs;
    private final Clock clock;

    JobFormController(Jobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @InitBinder(FORM)
    void allowFields(WebDataBinder binder) {
        binder.setAllowedFields("cnpj", "date", "time", "priority", "label", "recurrence", "requestId");
    }

    /** {@code ?cnpj=} fills the CNPJ in, for links from pages that show one. */
    @GetMapping(NEW_PATH)
    String initCreationForm(ZoneId zone, @RequestParam(required = false) @Nullable String cnpj, Model model) {
        JobForm form = JobForm.fresh(clock, zone);
        form.setCnpj(cnpj);
        return show(model, form, null);
    }

    @PostMapping(NEW_PATH)
    String processCreationForm(AuthenticatedUser user, ZoneId zone, @ModelAttribute(FORM) JobForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Long created = create(user, zone, form, result, redirect);
        return created != null ? "redirect:" + JobPageController.path(created) : show(model, form, null);
    }

    @HxRequest
    @PostMapping(NEW_PATH)
    ModelAndView processCreationFormFragment(AuthenticatedUser user, ZoneId zone, @ModelAttribute(FORM) JobForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        Long created = create(user, zone, form, result, redirect);
        if (created != null) {
            return HtmxViews.redirect(JobPageController.path(created));
        }
        show(model, form, null);
        return new ModelAndView(FORM_FRAGMENT);
    }

    @GetMapping(EDIT_PATH)
    String initUpdateForm(AuthenticatedUser user, ZoneId zone, @PathVariable long id, Model model) {
        JobDetails job = jobs.get(user.id(), id);
        return show(model, JobForm.of(job, zone), job);
    }

    @PostMapping(EDIT_PATH)
    String processUpdateForm(AuthenticatedUser user, ZoneId zone, @PathVariable long id,
            @ModelAttribute(FORM) JobForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        if (update(user, zone, id, form, result, redirect)) {
            return "redirect:" + JobPageController.path(id);
        }
        return showRefused(model, form, jobs.get(user.id(), id), result);
    }

    @HxRequest
    @PostMapping(EDIT_PATH)
    ModelAndView processUpdateFormFragment(AuthenticatedUser user, ZoneId zone, @PathVariable long id,
            @ModelAttribute(FORM) JobForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        if (update(user, zone, id, form, result, redirect)) {
            return HtmxViews.redirect(JobPageController.path(id));
        }
        showRefused(model, form, jobs.get(user.id(), id), result);
        return new ModelAndView(FORM_FRAGMENT);
    }

    /** Schedules the job; its id, or null with the problems in {@code result}. */
    private @Nullable Long create(AuthenticatedUser user, ZoneId zone, JobForm form, BindingResult result,
            RedirectAttributes redirect) {
        Instant scheduledAt = form.check(result, zone);
        if (result.hasErrors() || scheduledAt == null) {
            return null;
        }
        try {
            JobDetails job = schedule(user.id(), form, scheduledAt);
            redirect.addFlashAttribute(JobPageController.NOTICE, "job.flash.scheduled");
            return job.id();
        } catch (ErrorResponseException problem) {
            if (!FormProblems.addTo(result, problem, "cnpj")) {
                throw problem;
            }
            return null;
        }
    }

    /**
     * With the form's request id as idempotency key, so a double submit schedules one job; a key
     * used before for other values is a form reused (back button, changed, sent again): a new job.
     */
    private JobDetails schedule(long userId, JobForm form, Instant scheduledAt) {
        String key = form.getRequestId();
        if (!REQUEST_ID.matcher(key).matches()) {
            return jobs.create(userId, form.toNewJob(scheduledAt));
        }
        try {
            return jobs.create(userId, form.toNewJob(scheduledAt), key).job();
        } catch (ErrorResponseException problem) {
            if (!problem.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                throw problem;
            }
            return jobs.create(userId, form.toNewJob(scheduledAt), UUID.randomUUID().toString()).job();
        }
    }

    /** Saves the change, or puts why not into {@code result}: a job that started meanwhile keeps the form as typed. */
    private boolean update(AuthenticatedUser user, ZoneId zone, long id, JobForm form, BindingResult result,
            RedirectAttributes redirect) {
        Instant scheduledAt = form.check(result, zone);
        if (result.hasErrors() || scheduledAt == null) {
            return false;
        }
        try {
            jobs.update(user.id(), id, form.toChange(scheduledAt));
            redirect.addFlashAttribute(JobPageController.NOTICE, "job.flash.saved");
            return true;
        } catch (ErrorResponseException problem) {
            if (problem.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                result.reject("job.edit.conflict");
                return false;
            }
            if (!FormProblems.addTo(result, problem, "cnpj")) {
                throw problem;
            }
            return false;
        }
    }

    /** The edit form again, as typed; after a conflict it offers to schedule the values as a new job. */
    private String showRefused(Model model, JobForm form, JobDetails job, BindingResult result) {
        model.addAttribute("conflict", result.hasGlobalErrors());
        return show(model, form, job);
    }

    private String show(Model model, JobForm form, @Nullable JobDetails job) {
        model.addAttribute(FORM, form);
        model.asMap().putIfAbsent("conflict", false);
        model.addAttribute("job", job == null ? null : new JobView(job));
        model.addAttribute("recurrences", Recurrence.values());
        model.addAttribute("priorities", new int[] {5, 4, 3, 2, 1});
        return VIEW;
    }
}

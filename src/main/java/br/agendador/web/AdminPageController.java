package br.agendador.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import br.agendador.auth.WebPaths;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.lookup.ProviderHealth;
import br.agendador.platform.deadletters.DeadLetterKind;
import br.agendador.platform.deadletters.DeadLetters;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' area (the security chain lets only ADMINs in): the providers' health and
 * what the system gave up on, and every user's jobs.
 */
@Controller
@RequestMapping(WebPaths.ADMIN)
class AdminPageController {

    static final String OVERVIEW_VIEW = "admin/overview";
    static final String JOBS_VIEW = "admin/jobs";
    static final int PAGE_SIZE = 20;

    private final ProviderHealth providers;
    private final DeadLetters deadLetters;
    private final Jobs jobs;
    private final UserAccounts accounts;

    AdminPageController(ProviderHealth providers, DeadLetters deadLetters, Jobs jobs, UserAccounts accounts) {
        this.providers = providers;
        this.deadLetters = deadLetters;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @GetMapping
    String overview(@RequestParam(name = "kind", required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") int page, Model model) {
        DeadLetterKind chosen = parse(kind, DeadLetterKind.class);
        int pages = DeadLetters.MAX_DEPTH / PAGE_SIZE;
        var letters = deadLetters.page(chosen, Math.clamp(page, 0, pages - 1), PAGE_SIZE);
        model.addAttribute("providers", providers.providers());
        model.addAttribute("deadLetterCounts", deadLetters.counts());
        model.addAttribute("deadLetters", letters);
        model.addAttribute("kind", chosen);
        model.addAttribute("owners", emails(letters.content().stream().map(l -> l.userId()).toList()));
        return OVERVIEW_VIEW;
    }

    @GetMapping("/jobs")
    String jobs(@RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "email", defaultValue = "") String email, @RequestParam(defaultValue = "0") int page,
            Model model) {
        JobStatus chosen = parse(status, JobStatus.class);
        model.addAttribute("statuses", JobStatus.values());
        model.addAttribute("status", chosen);
        model.addAttribute("email", email.strip());
        Long ownerId = null;
        if (!email.isBlank()) {
            Optional<UserAccount> owner = accounts.findByEmail(email.strip());
            if (owner.isEmpty()) {
                model.addAttribute("unknownEmail", true);
                model.addAttribute("jobs", List.of());
                model.addAttribute("page", new JobPage(List.of(), 0, PAGE_SIZE, 0));
                return JOBS_VIEW;
            }
            ownerId = owner.get().id();
        }
        Set<JobStatus> statuses = chosen == null ? Set.of() : EnumSet.of(chosen);
        JobPage found = jobs.listAll(ownerId, JobFilter.all().withStatuses(statuses), JobSort.DEFAULT,
                Math.max(0, page), PAGE_SIZE);
        model.addAttribute("jobs", found.content().stream().map(JobRow::of).toList());
        model.addAttribute("page", found);
        model.addAttribute("owners", emails(found.content().stream().map(job -> (Long) job.userId()).toList()));
        return JOBS_VIEW;
    }

    /** The owners' e-mails, at most a page of them: one lookup per distinct user. */
    private Map<Long, String> emails(List<@Nullable Long> userIds) {
        return userIds.stream().filter(java.util.Objects::nonNull).distinct()
                .map(accounts::find).flatMap(Optional::stream)
                .collect(Collectors.toMap(UserAccount::id, UserAccount::email, (a, b) -> a));
    }

    /** A filter from the URL: an unknown value (a stale link) shows everything rather than an error. */
    private static <E extends Enum<E>> @Nullable E parse(@Nullable String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}

package br.agendador.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import br.agendador.cnpj.Cnpj;
import br.agendador.jobs.JobChange;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.platform.security.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The viewer's jobs on a calendar (FullCalendar, driven by {@code js/calendar.js}): a JSON feed
 * of the period on screen, and rescheduling by dragging a SCHEDULED job to another day or time.
 *
 * <p>Times travel as wall-clock times of the viewer's zone without an offset ({@code
 * 2026-11-27T10:00:00}): the calendar runs in "UTC" so it shows them as they are, and needs no
 * time-zone library in the browser; the server alone turns them into instants.
 */
@Controller
@RequestMapping(CalendarController.PATH)
class CalendarController {

    static final String PATH = "/calendar";
    static final String VIEW = "calendar";
    /** More than a month view shows; a busier period is cut, and the page says so. */
    static final int MAX_EVENTS = 500;
    /** A month view with its neighbouring weeks spans 42 days; anything wider is not a view of ours. */
    static final Duration MAX_PERIOD = Duration.ofDays(62);
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final Jobs jobs;
    private final MessageSource messages;
    private final java.time.Clock clock;

    CalendarController(Jobs jobs, MessageSource messages, java.time.Clock clock) {
        this.jobs = jobs;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String calendar(Model model) {
        model.addAttribute("now", wallTime(clock.instant(), zone()));
        model.addAttribute("statuses", JobStatus.values());
        return VIEW;
    }

    /** The jobs scheduled in {@code [start, end)}, as FullCalendar events, earliest first. */
    @GetMapping("/events")
    @ResponseBody
    ResponseEntity<?> events(AuthenticatedUser user, @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String end) {
        ZoneId zone = zone();
        Instant from;
        Instant to;
        try {
            from = instant(start, zone);
            to = instant(end, zone);
        } catch (DateTimeException e) {
            return refusal(HttpStatus.BAD_REQUEST, "calendar.problem.period");
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            return refusal(HttpStatus.BAD_REQUEST, "calendar.problem.period");
        }
        JobFilter filter = new JobFilter(Set.of(), null, from, to, null);
        JobSort earliestFirst = new JobSort(JobSort.Field.SCHEDULED_AT, true);
        List<Event> events = new ArrayList<>();
        long total = 0;
        for (int page = 0; events.size() < MAX_EVENTS; page++) {
            JobPage jobsPage = jobs.list(user.id(), filter, earliestFirst, page, Jobs.MAX_PAGE_SIZE);
            jobsPage.content().forEach(job -> events.add(event(job, zone)));
            total = jobsPage.totalElements();
            if (page + 1 >= jobsPage.totalPages()) {
                break;
            }
        }
        return ResponseEntity.ok(new Feed(events, total > events.size()));
    }

    /**
     * Moves a job to {@code start} (wall-clock time in the viewer's zone). Refusals come back
     * with their HTTP status and a sentence for the person, and the calendar puts the job back.
     */
    @PostMapping("/events/{id}")
    @ResponseBody
    ResponseEntity<?> move(AuthenticatedUser user, @PathVariable long id, @RequestParam(defaultValue = "") String start) {
        ZoneId zone = zone();
        Instant scheduledAt;
        try {
            scheduledAt = instant(start, zone);
        } catch (DateTimeException e) {
            return refusal(HttpStatus.BAD_REQUEST, "calendar.problem.date");
        }
        try {
            JobDetails moved = jobs.update(user.id(), id, new JobChange(null, scheduledAt, null, null, null));
            return ResponseEntity.ok(event(moved, zone));
        } catch (ErrorResponseException refused) {
            return refusal(refused.getStatusCode(), switch (refused.getStatusCode().value()) {
                case 409 -> "calendar.problem.notScheduled";
                case 404 -> "calendar.problem.notFound";
                case 400 -> "calendar.problem.past";
                default -> "calendar.problem.refused";
            });
        }
    }

    private ResponseEntity<Map<String, String>> refusal(HttpStatusCode status, String key) {
        return ResponseEntity.status(status)
                .body(Map.of("message", messages.getMessage(key, null, LocaleContextHolder.getLocale())));
    }

    private Event event(JobDetails job, ZoneId zone) {
        String cnpj = Cnpj.parse(job.cnpj()).formatted();
        String status = job.status().name();
        return new Event(job.id(), job.label() == null ? cnpj : cnpj + " · " + job.label(),
                wallTime(job.scheduledAt(), zone), "/jobs/" + job.id(),
                List.of("job-event", "job-status-" + status.toLowerCase(Locale.ROOT)),
                job.status() == JobStatus.SCHEDULED,
                new Details(status, messages.getMessage("dashboard.status." + status, null, LocaleContextHolder.getLocale()),
                        cnpj, job.label()));
    }

    private static ZoneId zone() {
        return LocaleContextHolder.getTimeZone().toZoneId();
    }

    private static String wallTime(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone).format(WALL_TIME);
    }

    /**
     * A wall-clock date-time or date in {@code zone}; a trailing {@code Z} or offset (the calendar
     * adds one, as it runs in "UTC") is ignored, as the numbers are the viewer's wall clock.
     */
    static Instant instant(String text, ZoneId zone) {
        String value = text.strip();
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        }
        if (value.length() < 19) {
            throw new DateTimeException("not a date-time: " + value);
        }
        return LocalDateTime.parse(value.substring(0, 19)).atZone(zone).toInstant();
    }

    /** What the calendar script reads: the events, and whether the period has more than it shows. */
    record Feed(List<Event> events, boolean truncated) {
    }

    /** One FullCalendar event; {@code editable} only for SCHEDULED jobs, the ones that can move. */
    record Event(long id, String title, String start, String url, List<String> classNames, boolean editable,
            Details extendedProps) {
    }

    record Details(String status, String statusLabel, String cnpj, @Nullable String label) {
    }
}

package br.agendador.web;

import br.agendador.jobs.JobExports;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in person's jobs: filtered, sorted and paged by query parameters. htmx requests
 * (the filter form, paging and sorting links, and the poll that keeps statuses current) get
 * only the results.
 */
@Controller
class JobListController {

    static final String VIEW = "jobs/list";
    static final String RESULTS_FRAGMENT = VIEW + " :: results";
    /** The id of the results element, which polls for itself while a job may change. */
    static final String RESULTS_ID = "job-results";
    /** Fields the list service may refuse a filter on; each has its message on the page. */
    private static final Set<String> FILTER_FIELDS = Set.of("cnpj", "to", "page");

    private final Jobs jobs;
    private final JobExports exports;

    JobListController(Jobs jobs, JobExports exports) {
        this.jobs = jobs;
        this.exports = exports;
    }

    @GetMapping(JobListCriteria.PATH)
    String list(AuthenticatedUser user, ZoneId zone, @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String cnpj, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String page,
            Model model) {
        JobListCriteria criteria = JobListCriteria.read(status, cnpj, from, to, q, sort, page);
        model.addAttribute("criteria", criteria);
        model.addAttribute("statuses", JobStatus.values());
        try {
            JobPage found = jobs.list(user.id(), criteria.filter(zone), criteria.sort(), criteria.page(),
                    Jobs.DEFAULT_PAGE_SIZE);
            List<JobView> rows = found.content().stream().map(JobView::new).toList();
            model.addAttribute("page", found);
            model.addAttribute("rows", rows);
            model.addAttribute("live", rows.stream().anyMatch(JobView::live));
        } catch (ErrorResponseException problem) {
            model.addAttribute("filterProblem", "jobs.filter.problem." + refusedField(problem));
            model.addAttribute("rows", List.of());
            model.addAttribute("live", false);
        }
        return VIEW;
    }

    /**
     * The results alone; a history restore (back button after a cache miss) needs the whole page.
     * The address bar gets the list's own URL (no empty parameters), except for the results' poll.
     */
    @HxRequest
    @GetMapping(JobListCriteria.PATH)
    String listFragment(AuthenticatedUser user, ZoneId zone, HtmxRequest htmx, HttpServletResponse response,
            @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String cnpj, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String page,
            Model model) {
        String view = list(user, zone, status, cnpj, from, to, q, sort, page, model);
        if (htmx.isHistoryRestoreRequest()) {
            return view;
        }
        if (!RESULTS_ID.equals(htmx.getTriggerId()) && model.getAttribute("criteria") instanceof JobListCriteria shown) {
            response.setHeader(HtmxResponseHeader.HX_PUSH_URL.getValue(), shown.url());
        }
        return RESULTS_FRAGMENT;
    }

    /** The list as a CSV file, with its filters and sort (the browser's session; the API has its own). */
    @GetMapping(JobListCriteria.PATH + "/export.csv")
    ResponseEntity<StreamingResponseBody> csv(AuthenticatedUser user, ZoneId zone,
            @RequestParam(required = false) @Nullable List<String> status, @RequestParam(required = false) @Nullable String cnpj,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String sort) {
        JobExports.Export export = export(user, zone, status, cnpj, from, to, q, sort);
        return file(export, JobExports.Format.CSV);
    }

    /** The list as an Excel workbook. */
    @GetMapping(JobListCriteria.PATH + "/export.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(AuthenticatedUser user, ZoneId zone,
            @RequestParam(required = false) @Nullable List<String> status, @RequestParam(required = false) @Nullable String cnpj,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String sort) {
        JobExports.Export export = export(user, zone, status, cnpj, from, to, q, sort);
        return file(export, JobExports.Format.XLSX);
    }

    private JobExports.Export export(AuthenticatedUser user, ZoneId zone, @Nullable List<String> status, @Nullable String cnpj,
            @Nullable String from, @Nullable String to, @Nullable String q, @Nullable String sort) {
        JobListCriteria criteria = JobListCriteria.read(status, cnpj, from, to, q, sort, null);
        return exports.prepare(user.id(), criteria.filter(zone), criteria.sort(), zone);
    }

    private ResponseEntity<StreamingResponseBody> file(JobExports.Export export, JobExports.Format format) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(exports.fileName(export, format)).build().toString())
                .contentType(MediaType.parseMediaType(format.mediaType()))
                .body(out -> exports.write(export, format, out));
    }

    /** The field a 400 names, for its message; anything else is not about the filter. */
    private static String refusedField(ErrorResponseException problem) {
        return FormProblems.refusedField(problem).filter(FILTER_FIELDS::contains).orElseThrow(() -> problem);
    }
}

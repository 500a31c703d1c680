package br.agendador.web;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import br.agendador.jobs.BulkResult;
import br.agendador.jobs.Jobs;
import br.agendador.platform.problem.ApiLimits;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Schedules many lookups at once from a CSV file or pasted lines, through the same import as
 * {@code POST /api/v1/jobs/bulk}, and shows what was created and each line that was not, with
 * why. With htmx the form posts in place (a progress bar while the file goes up) and the report
 * replaces the form's result area; without JavaScript it posts and redirects to the report.
 */
@Controller
@RequestMapping(BulkImportController.PATH)
class BulkImportController {

    static final String PATH = "/jobs/bulk";
    static final String VIEW = "bulk";
    static final String RESULT_FRAGMENT = VIEW + " :: result";
    /** Set by {@link BulkUploadTooLarge} when the servlet container refused the upload itself. */
    static final String TOO_LARGE = "tooLarge";

    private final Jobs jobs;
    private final MessageSource messages;
    private final ApiLimits limits;

    BulkImportController(Jobs jobs, MessageSource messages, ApiLimits limits) {
        this.jobs = jobs;
        this.messages = messages;
        this.limits = limits;
    }

    @GetMapping
    String importForm(@RequestParam(name = TOO_LARGE, required = false) @Nullable String tooLarge, Model model) {
        if (tooLarge != null) {
            model.addAttribute("problem", tooLargeMessage());
        }
        return form(model);
    }

    /** The report of the import just made (a flash attribute); on a reload, the empty form. */
    @GetMapping("/result")
    String result(Model model) {
        return model.containsAttribute("report") ? form(model) : "redirect:" + PATH;
    }

    @PostMapping
    String importJobs(AuthenticatedUser user, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "text", defaultValue = "") String text, Model model, RedirectAttributes redirect) {
        if (!run(user, file, text, model)) {
            return form(model);
        }
        redirect.addFlashAttribute("report", model.getAttribute("report"));
        return "redirect:" + PATH + "/result";
    }

    @HxRequest
    @PostMapping
    String importJobsFragment(AuthenticatedUser user,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "text", defaultValue = "") String text, Model model) {
        run(user, file, text, model);
        return RESULT_FRAGMENT;
    }

    /** Imports and puts the report or the problem into the model; whether it was imported. */
    private boolean run(AuthenticatedUser user, @Nullable MultipartFile file, String text, Model model) {
        Upload upload;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > limits.maxBulkRequestSize().toBytes()) {
                model.addAttribute("problem", tooLargeMessage());
                return false;
            }
            upload = new Upload(bytes(file), 0, file.getOriginalFilename());
        } else if (!text.isBlank()) {
            upload = Upload.pasted(text);
        } else {
            model.addAttribute("problem", message("bulk.problem.nothing"));
            return false;
        }
        BulkResult result;
        try {
            result = jobs.bulkCsv(user.id(), upload.csv());
        } catch (ErrorResponseException refused) {
            model.addAttribute("problem", message(BulkReasons.ofFile(refused)));
            return false;
        }
        List<Line> rejected = result.rejected().stream()
                .map(row -> new Line(row.line() - upload.addedLines(), row.cnpj(),
                        BulkReasons.ofRow(row).stream().map(this::message).toList()))
                .toList();
        model.addAttribute("report", new Report(upload.name(), result.created(), rejected));
        return true;
    }

    private String form(Model model) {
        model.addAttribute("maxRows", Jobs.MAX_BULK_ROWS);
        model.addAttribute("maxBytes", limits.maxBulkRequestSize().toBytes());
        model.addAttribute("maxMegabytes", limits.maxBulkRequestSize().toMegabytes());
        return VIEW;
    }

    private String tooLargeMessage() {
        return messages.getMessage("bulk.problem.tooLarge", new Object[] {limits.maxBulkRequestSize().toMegabytes()},
                LocaleContextHolder.getLocale());
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String message(MessageSourceResolvable resolvable) {
        return messages.getMessage(resolvable, LocaleContextHolder.getLocale());
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What was sent. Pasted lines need no header: when the first line does not name the columns,
     * {@code cnpj} is put above it, and line numbers are given back as the person sees them.
     */
    private record Upload(byte[] csv, int addedLines, @Nullable String name) {

        static Upload pasted(String text) {
            String firstLine = text.strip().lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
            if (firstLine.contains("cnpj")) {
                return new Upload(text.getBytes(StandardCharsets.UTF_8), 0, null);
            }
            return new Upload(("cnpj\n" + text).getBytes(StandardCharsets.UTF_8), 1, null);
        }
    }

    /** The import's outcome as the page shows it; kept in the session for one redirect. */
    record Report(@Nullable String fileName, int created, List<Line> rejected) implements Serializable {

        Report {
            rejected = List.copyOf(rejected);
        }
    }

    /** A line that was not scheduled: where, which CNPJ, and why in the viewer's language. */
    record Line(int line, @Nullable String cnpj, List<String> reasons) implements Serializable {

        Line {
            reasons = List.copyOf(reasons);
        }
    }
}

package br.agendador.web;

import java.util.List;

import br.agendador.auth.WebPaths;
import br.agendador.opendata.ImportAlreadyRunning;
import br.agendador.opendata.ImportFinished;
import br.agendador.opendata.ImportNotFound;
import br.agendador.opendata.InvalidDump;
import br.agendador.opendata.OpenDataImport;
import br.agendador.opendata.OpenDataImports;
import br.agendador.opendata.OpenDataProblem;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page for the Receita's open data: the month being served, the import
 * running now with its progress (polled every two seconds while it runs), a form to start one
 * from a directory or the share, and the latest imports with the lines they could not read.
 */
@Controller
@RequestMapping(WebPaths.ADMIN + "/open-data")
class OpenDataPageController {

    static final String VIEW = "admin/open-data";
    static final String LIVE_FRAGMENT = VIEW + " :: live";
    private static final String PAGE = "redirect:" + WebPaths.ADMIN + "/open-data";

    private final OpenDataImports imports;

    OpenDataPageController(OpenDataImports imports) {
        this.imports = imports;
    }

    @GetMapping
    String page(Model model) {
        List<OpenDataImport> latest = imports.list();
        OpenDataImport shown = latest.isEmpty() ? null : imports.find(latest.getFirst().id());
        model.addAttribute("served", imports.served().orElse(null));
        model.addAttribute("current", shown);
        model.addAttribute("history", latest.stream().limit(10).toList());
        if (!model.containsAttribute("source")) {
            model.addAttribute("source", "");
            model.addAttribute("month", "");
        }
        return VIEW;
    }

    /** The progress part alone, for the page's poll. */
    @HxRequest
    @GetMapping
    String live(Model model) {
        page(model);
        return LIVE_FRAGMENT;
    }

    @PostMapping("/imports")
    String start(@RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String month,
            RedirectAttributes redirect) {
        try {
            imports.start(source, month.isBlank() ? null : month);
            redirect.addFlashAttribute("notice", "openData.started");
        } catch (InvalidDump invalid) {
            refused(redirect, "openData.refused.source", invalid.problem(), invalid.arguments());
            redirect.addFlashAttribute("source", source);
            redirect.addFlashAttribute("month", month);
        } catch (ImportAlreadyRunning running) {
            refused(redirect, "openData.refused.running", OpenDataProblem.ALREADY_RUNNING, running.which());
        }
        return PAGE;
    }

    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        try {
            imports.cancel(id);
            redirect.addFlashAttribute("notice", "openData.canceling");
        } catch (ImportNotFound | ImportFinished finished) {
            redirect.addFlashAttribute("refusal", "openData.refused.finished");
        }
        return PAGE;
    }

    /** What was refused, and why in the viewer's words (the problem's code and arguments). */
    private static void refused(RedirectAttributes redirect, String what, OpenDataProblem why, Object... arguments) {
        redirect.addFlashAttribute("refusal", what);
        redirect.addFlashAttribute("refusalKey", why.messageKey());
        redirect.addFlashAttribute("refusalArguments", java.util.Arrays.stream(arguments).map(String::valueOf).toList());
    }
}

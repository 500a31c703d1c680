package br.agendador.web;

import java.time.Clock;

import br.agendador.auth.WebPaths;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The first page after signing in: what the product does, and a CNPJ checker. */
@Controller
class HomeController {

    static final String VIEW = "home";
    /** The id of the checker's result, which an htmx check targets. */
    static final String CNPJ_CHECK = "cnpj-check";

    private final Clock clock;

    HomeController(Clock clock) {
        this.clock = clock;
    }

    @GetMapping(WebPaths.HOME)
    String home(@RequestParam(name = "cnpj", required = false) @Nullable String cnpj, Model model) {
        check(cnpj, model);
        model.addAttribute("now", clock.instant());
        return VIEW;
    }

    /** The same page for htmx: just the checker's verdict when that is the target, else the content. */
    @HxRequest
    @GetMapping(WebPaths.HOME)
    String homeFragment(@RequestParam(name = "cnpj", required = false) @Nullable String cnpj, HtmxRequest htmx,
            Model model) {
        home(cnpj, model);
        return CNPJ_CHECK.equals(htmx.getTarget()) ? VIEW + " :: cnpjCheck" : VIEW + " :: content";
    }

    private static void check(@Nullable String cnpj, Model model) {
        if (cnpj != null && !cnpj.isBlank()) {
            model.addAttribute("cnpjCheck", CnpjCheck.of(cnpj));
        }
    }
}

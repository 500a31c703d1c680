package br.agendador.web;

import java.time.Clock;

import br.agendador.auth.WebPaths;
import br.agendador.platform.security.AuthenticatedUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The first page after signing in: the viewer's dashboard (jobs per status, lookups per day, the
 * next and latest jobs), what the product does while they have no job yet, and a CNPJ checker.
 */
@Controller
class HomeController {

    static final String VIEW = "home";
    /** The id of the checker's result, which an htmx check targets. */
    static final String CNPJ_CHECK = "cnpj-check";

    private final Clock clock;
    private final Dashboard dashboard;

    HomeController(Clock clock, Dashboard dashboard) {
        this.clock = clock;
        this.dashboard = dashboard;
    }

    @GetMapping(WebPaths.HOME)
    String home(AuthenticatedUser user, @RequestParam(name = "cnpj", required = false) @Nullable String cnpj,
            Model model) {
        check(cnpj, model);
        model.addAttribute("now", clock.instant());
        model.addAttribute("dashboard", dashboard.of(user.id()));
        return VIEW;
    }

    /** The same page for htmx: just the checker's verdict when that is the target, else the content. */
    @HxRequest
    @GetMapping(WebPaths.HOME)
    String homeFragment(AuthenticatedUser user, @RequestParam(name = "cnpj", required = false) @Nullable String cnpj,
            HtmxRequest htmx, Model model) {
        if (CNPJ_CHECK.equals(htmx.getTarget())) {
            check(cnpj, model);
            return VIEW + " :: cnpjCheck";
        }
        home(user, cnpj, model);
        return VIEW + " :: content";
    }

    private static void check(@Nullable String cnpj, Model model) {
        if (cnpj != null && !cnpj.isBlank()) {
            model.addAttribute("cnpjCheck", CnpjCheck.of(cnpj));
        }
    }
}

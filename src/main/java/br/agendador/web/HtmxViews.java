package br.agendador.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRedirectView;
import org.springframework.web.servlet.ModelAndView;

/**
 * Views for htmx requests. A {@code "redirect:htmx:..."} view name would be taken by Thymeleaf's
 * resolver (it runs first and reads any {@code redirect:} itself), so handlers return the view.
 */
final class HtmxViews {

    private HtmxViews() {
    }

    /** The browser loads {@code path} as a whole page (HX-Redirect); flash attributes go along. */
    static ModelAndView redirect(String path) {
        return new ModelAndView(new HtmxRedirectView(path));
    }
}

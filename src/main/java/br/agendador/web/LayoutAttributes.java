package br.agendador.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page, error pages included: who is signed in and where the
 * page is.
 */
@ControllerAdvice(basePackageClasses = LayoutAttributes.class, assignableTypes = BasicErrorController.class)
class LayoutAttributes {

    private final Viewers viewers;

    LayoutAttributes(Viewers viewers) {
        this.viewers = viewers;
    }

    @ModelAttribute("viewer")
    @Nullable Viewer viewer(HttpServletRequest request) {
        return viewers.current(request).orElse(null);
    }

    /**
     * The path of the page as the browser sees it (the original one on error pages), for the
     * active link in the navigation and for the language switcher to come back to.
     */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original != null) {
            return original.toString();
        }
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}

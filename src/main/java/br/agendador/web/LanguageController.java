package br.agendador.web;

import java.net.URI;
import java.util.Optional;

import br.agendador.auth.WebPaths;
import br.agendador.users.Language;
import br.agendador.users.ProfileChange;
import br.agendador.users.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language switcher in the navigation bar. A signed-in person's choice goes into their
 * profile (so e-mails follow it too); a visitor's into a cookie. Then back to the same page.
 */
@Controller
class LanguageController {

    private final UserAccounts accounts;
    private final Viewers viewers;
    private final LocaleResolver locales;

    LanguageController(UserAccounts accounts, Viewers viewers, LocaleResolver locales) {
        this.accounts = accounts;
        this.viewers = viewers;
        this.locales = locales;
    }

    @PostMapping(WebPaths.LANGUAGE)
    String switchLanguage(@RequestParam(name = "lang", defaultValue = "") String lang,
            @RequestParam(name = "returnTo", required = false) @Nullable String returnTo,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Language> language = Language.parse(lang);
        language.ifPresent(chosen -> {
            viewers.current(request).ifPresent(viewer ->
                    accounts.updateProfile(viewer.id(), new ProfileChange(null, null, chosen.tag(), null, null)));
            locales.setLocale(request, response, chosen.locale());
        });
        return "redirect:" + localPath(returnTo);
    }

    /** Only a path on this site: never an open redirect to somewhere else. */
    static String localPath(@Nullable String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")) {
            return WebPaths.HOME;
        }
        try {
            URI uri = URI.create(returnTo);
            return uri.getScheme() == null && uri.getHost() == null ? returnTo : WebPaths.HOME;
        } catch (IllegalArgumentException malformed) {
            return WebPaths.HOME;
        }
    }
}

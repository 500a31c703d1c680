package br.agendador.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

import br.agendador.users.Language;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleContextResolver;

/**
 * The language and time zone of a page: a signed-in person's profile; otherwise the language
 * chosen with the switcher (a cookie) and the product's default zone; otherwise Portuguese.
 * Resolved lazily, so requests that render no text (static files) never look the user up.
 */
final class ViewerLocaleResolver implements LocaleContextResolver {

    static final String COOKIE = "lang";
    private static final Duration COOKIE_LIFETIME = Duration.ofDays(365);

    private final Viewers viewers;
    private final ZoneId defaultZone;

    ViewerLocaleResolver(Viewers viewers, ZoneId defaultZone) {
        this.viewers = viewers;
        this.defaultZone = defaultZone;
    }

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        return new TimeZoneAwareLocaleContext() {
            @Override
            public Locale getLocale() {
                return viewers.current(request).map(Viewer::locale).orElseGet(() -> chosen(request).locale());
            }

            @Override
            public TimeZone getTimeZone() {
                return TimeZone.getTimeZone(viewers.current(request).map(Viewer::timeZone).orElse(defaultZone));
            }
        };
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
            @Nullable LocaleContext context) {
        Optional<Language> chosen = Optional.ofNullable(context).map(LocaleContext::getLocale)
                .flatMap(locale -> Language.parse(locale.toLanguageTag()));
        if (response == null || chosen.isEmpty()) {
            return;
        }
        Language language = chosen.get();
        ResponseCookie cookie = ResponseCookie.from(COOKIE, language.tag()).path("/").maxAge(COOKIE_LIFETIME)
                .httpOnly(true).sameSite("Lax").secure(request.isSecure()).build();
        response.addHeader("Set-Cookie", cookie.toString());
        request.setAttribute(COOKIE, language);
    }

    /** The switcher's choice: set in this request, else from the cookie; Portuguese by default. */
    private static Language chosen(HttpServletRequest request) {
        if (request.getAttribute(COOKIE) instanceof Language language) {
            return language;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return Language.parse(cookie.getValue()).orElse(Language.PT_BR);
                }
            }
        }
        return Language.PT_BR;
    }
}

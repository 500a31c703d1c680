package br.agendador.web;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.security.AuthenticatedUser;
import br.agendador.users.AccountProblem;
import br.agendador.users.Language;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own profile. Always the viewer's account: there is no id in the URL,
 * so nobody can ask for someone else's.
 */
@Controller
@RequestMapping(ProfilePageController.PATH)
class ProfilePageController {

    static final String PATH = "/profile";
    static final String VIEW = "profile";
    static final String FORM_FRAGMENT = VIEW + " :: form";

    private final UserAccounts accounts;
    private final Viewers viewers;
    private final TimeZoneChoices zones;
    private final LocaleResolver locales;

    ProfilePageController(UserAccounts accounts, Viewers viewers, TimeZoneChoices zones, LocaleResolver locales) {
        this.accounts = accounts;
        this.viewers = viewers;
        this.zones = zones;
        this.locales = locales;
    }

    @InitBinder("profile")
    void allowFields(WebDataBinder binder) {
        binder.setAllowedFields("name", "timeZone", "locale", "dailyDigest");
    }

    @GetMapping
    String initProfileForm(AuthenticatedUser user, Model model) {
        UserAccount account = account(user);
        return show(model, ProfileForm.of(account), account, VIEW);
    }

    @HxRequest
    @GetMapping
    String initProfileFormFragment(AuthenticatedUser user, Model model) {
        UserAccount account = account(user);
        return show(model, ProfileForm.of(account), account, FORM_FRAGMENT);
    }

    @PostMapping
    String processProfileForm(AuthenticatedUser user, @ModelAttribute("profile") ProfileForm form,
            BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response) {
        return save(user, form, result, redirect, request, response) ? "redirect:" + PATH
                : show(model, form, account(user), VIEW);
    }

    /**
     * Errors swap just the form; a saved profile reloads the page, as the language, name and
     * time zone it shows may all have changed.
     */
    @HxRequest
    @PostMapping
    ModelAndView processProfileFormFragment(AuthenticatedUser user, @ModelAttribute("profile") ProfileForm form,
            BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response) {
        return save(user, form, result, redirect, request, response) ? HtmxViews.redirect(PATH)
                : new ModelAndView(show(model, form, account(user), FORM_FRAGMENT));
    }

    private boolean save(AuthenticatedUser user, ProfileForm form, BindingResult result, RedirectAttributes redirect,
            HttpServletRequest request, HttpServletResponse response) {
        if (form.getName().isBlank()) {
            FormProblems.required(result, "name");
            return false;
        }
        UserAccount saved;
        try {
            saved = accounts.updateProfile(user.id(), form.toChange());
        } catch (ErrorResponseException problem) {
            if (FormProblems.addTo(result, problem, "name")) {
                return false;
            }
            throw problem;
        }
        viewers.refresh(request);
        // The sign-in page after signing out speaks the language chosen here too.
        locales.setLocale(request, response, saved.language().locale());
        redirect.addFlashAttribute("saved", true);
        return true;
    }

    private String show(Model model, ProfileForm form, UserAccount account, String view) {
        model.addAttribute("profile", form);
        model.addAttribute("account", account);
        model.addAttribute("brazilZones", zones.brazil(form.getTimeZone()));
        model.addAttribute("otherZones", zones.others());
        model.addAttribute("languages", Language.values());
        return view;
    }

    private UserAccount account(AuthenticatedUser user) {
        return accounts.find(user.id()).orElseThrow(() -> Problems.notFound(AccountProblem.GONE));
    }
}

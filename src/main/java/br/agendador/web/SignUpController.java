package br.agendador.web;

import java.util.Locale;

import br.agendador.auth.WebPaths;
import br.agendador.users.Language;
import br.agendador.users.UserAccounts;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Opening an account; then on to sign in with the e-mail already filled in. */
@Controller
class SignUpController {

    static final String VIEW = "auth/sign-up";
    static final String FORM_FRAGMENT = VIEW + " :: form";

    private final UserAccounts accounts;
    private final Viewers viewers;
    private final TimeZoneChoices zones;

    SignUpController(UserAccounts accounts, Viewers viewers, TimeZoneChoices zones) {
        this.accounts = accounts;
        this.viewers = viewers;
        this.zones = zones;
    }

    @InitBinder("signUp")
    void allowFields(WebDataBinder binder) {
        binder.setAllowedFields("name", "email", "password", "timeZone", "locale");
    }

    @GetMapping(WebPaths.SIGN_UP)
    String initSignUpForm(HttpServletRequest request, Locale locale, Model model) {
        if (viewers.current(request).isPresent()) {
            return "redirect:" + WebPaths.HOME;
        }
        SignUpForm form = new SignUpForm();
        form.setLocale(Language.parse(locale.toLanguageTag()).orElse(Language.PT_BR).tag());
        form.setTimeZone(zones.defaultZone());
        // Only a fresh form takes the browser's zone; after an error it keeps what was chosen.
        model.addAttribute("suggestBrowserZone", true);
        return show(model, form);
    }

    @PostMapping(WebPaths.SIGN_UP)
    String processSignUpForm(@ModelAttribute("signUp") SignUpForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        return register(form, result, model, redirect) ? "redirect:" + WebPaths.SIGN_IN : VIEW;
    }

    @HxRequest
    @PostMapping(WebPaths.SIGN_UP)
    ModelAndView processSignUpFormFragment(@ModelAttribute("signUp") SignUpForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        return register(form, result, model, redirect) ? HtmxViews.redirect(WebPaths.SIGN_IN)
                : new ModelAndView(FORM_FRAGMENT);
    }

    /** Opens the account, or puts what is wrong into {@code result} and the form back in the model. */
    private boolean register(SignUpForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        if (form.getName().isBlank()) {
            FormProblems.required(result, "name");
        }
        if (form.getEmail().isBlank()) {
            FormProblems.required(result, "email");
        }
        if (form.getPassword().isEmpty()) {
            FormProblems.required(result, "password");
        }
        if (!result.hasErrors()) {
            try {
                accounts.register(form.toNewAccount());
                redirect.addFlashAttribute("registered", true);
                redirect.addFlashAttribute("email", form.getEmail().strip());
                return true;
            } catch (ErrorResponseException problem) {
                if (!FormProblems.addTo(result, problem, "email")) {
                    throw problem;
                }
            }
        }
        form.setPassword("");
        show(model, form);
        return false;
    }

    private String show(Model model, SignUpForm form) {
        model.addAttribute("signUp", form);
        model.addAttribute("brazilZones", zones.brazil(form.getTimeZone()));
        model.addAttribute("otherZones", zones.others());
        model.addAttribute("languages", Language.values());
        return VIEW;
    }
}

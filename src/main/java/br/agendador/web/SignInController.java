package br.agendador.web;

import java.util.Optional;

import br.agendador.auth.SignInFailure;
import br.agendador.auth.WebPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security takes the form's POST and sends failures back here. */
@Controller
class SignInController {

    static final String VIEW = "auth/sign-in";

    private final Viewers viewers;

    SignInController(Viewers viewers) {
        this.viewers = viewers;
    }

    @GetMapping(WebPaths.SIGN_IN)
    String signInForm(HttpServletRequest request, Model model) {
        if (viewers.current(request).isPresent()) {
            return "redirect:" + WebPaths.HOME;
        }
        Optional<SignInFailure> failure = SignInFailure.take(request.getSession(false));
        model.addAttribute("failure", failure.orElse(null));
        if (!model.containsAttribute("email")) {
            model.addAttribute("email", failure.map(SignInFailure::email).orElse(""));
        }
        return VIEW;
    }
}

package br.agendador.web;

import br.agendador.users.AccountProblem;
import br.agendador.users.NewAccount;
import br.agendador.users.UserAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.invalid;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class SignUpControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void showsTheFormInPortugueseWithSaoPauloAsTheFirstTimeZone() throws Exception {
        mvc.perform(get("/signup"))
                .andExpect(status().isOk())
                .andExpect(view().name(SignUpController.VIEW))
                .andExpect(content().string(allOf(containsString("Crie sua conta"), containsString("lang=\"pt-BR\""),
                        containsString("Pelo menos 10 caracteres"),
                        containsString("<option value=\"America/Sao_Paulo\" selected=\"selected\">"),
                        containsString("data-suggest-browser-zone"))));
    }

    @Test
    void speaksEnglishWhenTheVisitorChoseIt() throws Exception {
        mvc.perform(get("/signup").cookie(new Cookie("lang", "en")))
                .andExpect(content().string(allOf(containsString("Create your account"),
                        containsString("lang=\"en\""), containsString("selected=\"selected\">English</option>"))));
        mvc.perform(get("/signup").param("lang", "en"))
                .andExpect(header().string("Set-Cookie", containsString("lang=en")))
                .andExpect(content().string(containsString("Create your account")));
    }

    @Test
    void opensTheAccountAndSendsToSignInWithTheEmailFilledIn() throws Exception {
        mvc.perform(post("/signup").with(csrf())
                        .param("name", "Ana Souza").param("email", " ana@example.com ").param("password", "Sup3r-Secret!")
                        .param("timeZone", "America/Manaus").param("locale", "en"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"))
                .andExpect(flash().attribute("registered", true))
                .andExpect(flash().attribute("email", "ana@example.com"));
        verify(accounts).register(new NewAccount("Ana Souza", " ana@example.com ", "Sup3r-Secret!", "America/Manaus", "en"));
    }

    @Test
    void asksForEveryMissingFieldWithoutCallingTheDomain() throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("name", " ").param("email", "").param("password", ""))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("signUp", "name", "email", "password"))
                .andExpect(content().string(allOf(containsString("Informe seu nome."),
                        containsString("Informe seu e-mail."), containsString("Escolha uma senha."),
                        containsString("Confira os campos destacados abaixo."))));
        verify(accounts, never()).register(any());
    }

    @Test
    void showsTheDomainsVerdictNextToTheFieldInTheViewersLanguage() throws Exception {
        when(accounts.register(any())).thenThrow(invalid("password", AccountProblem.PASSWORD_NOT_MIXED));
        mvc.perform(post("/signup").with(csrf()).param("name", "Ana").param("email", "ana@example.com")
                        .param("password", "onlyletterspassword"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("signUp", "password"))
                .andExpect(content().string(allOf(containsString("Misture letras com números ou símbolos."),
                        not(containsString("onlyletterspassword")))));

        mvc.perform(post("/signup").with(csrf()).cookie(new Cookie("lang", "en")).param("name", "Ana")
                        .param("email", "ana@example.com").param("password", "onlyletterspassword"))
                .andExpect(content().string(containsString("Mix letters with digits or symbols.")));
    }

    @Test
    void fallsBackToTheDomainsWordsForAProblemWithNoTranslation() throws Exception {
        when(accounts.register(any())).thenThrow(WebPageFixtures.invalidWithNewCode("name", "must not be a brand-new rule"));
        mvc.perform(post("/signup").with(csrf()).param("name", "Ana").param("email", "ana@example.com")
                        .param("password", "Sup3r-Secret!"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("must not be a brand-new rule")));
    }

    @Test
    void saysWhenTheEmailIsTaken() throws Exception {
        when(accounts.register(any())).thenThrow(br.agendador.platform.problem.Problems.conflict(AccountProblem.EMAIL_TAKEN, "ana@example.com"));
        mvc.perform(post("/signup").with(csrf()).param("name", "Ana").param("email", "ana@example.com")
                        .param("password", "Sup3r-Secret!"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("signUp", "email"))
                .andExpect(content().string(containsString("Já existe uma conta com este e-mail.")));
    }

    @Test
    void anHtmxSubmissionGetsOnlyTheFormBackOrARedirectOfTheWholePage() throws Exception {
        when(accounts.register(any())).thenThrow(invalid("email", AccountProblem.EMAIL_INVALID));
        mvc.perform(post("/signup").with(csrf()).header("HX-Request", "true").param("name", "Ana")
                        .param("email", "ana@").param("password", "Sup3r-Secret!"))
                .andExpect(status().isOk())
                .andExpect(view().name(SignUpController.FORM_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"sign-up-form\""),
                        containsString("Este não parece um e-mail válido."), not(containsString("<html")))));

        doReturn(ana()).when(accounts).register(any());
        mvc.perform(post("/signup").with(csrf()).header("HX-Request", "true").param("name", "Ana")
                        .param("email", "ana@example.com").param("password", "Sup3r-Secret!"))
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void refusesAPostWithoutTheCsrfTokenAndSendsToSignIn() throws Exception {
        mvc.perform(post("/signup").param("name", "Ana").param("email", "ana@example.com")
                        .param("password", "Sup3r-Secret!"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?expired"));
        verify(accounts, never()).register(any());
    }

    @Test
    void ignoresFieldsTheFormDoesNotHave() throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("name", "Ana").param("email", "ana@example.com")
                        .param("password", "Sup3r-Secret!").param("role", "ADMIN").param("locale", "pt-BR"))
                .andExpect(status().isFound());
        verify(accounts).register(new NewAccount("Ana", "ana@example.com", "Sup3r-Secret!", null, "pt-BR"));
    }

    @Test
    void sendsSomeoneAlreadySignedInHome() throws Exception {
        when(accounts.find(ana().id())).thenReturn(java.util.Optional.of(ana()));
        mvc.perform(get("/signup").with(signedIn(ana()))).andExpect(redirectedUrl("/"));
    }
}

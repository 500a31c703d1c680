package br.agendador.web;

import java.time.Duration;
import java.util.Optional;

import br.agendador.auth.SessionUsers;
import br.agendador.users.UserAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sign-in page together with the security chain around it: failures, expiry, sign-out. */
@WebPageTest
class SignInControllerTests {

    private static final String PASSWORD = "Sup3r-Secret!";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ApplicationContext context;

    @Test
    void showsOurOwnSignInPageInPortuguese() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Bem-vindo de volta"),
                        containsString("name=\"email\""), containsString("name=\"_csrf\""),
                        not(containsString("sign-in-error")))));
    }

    @Test
    void saysTheEmailOrPasswordIsWrongAndKeepsTheEmail() throws Exception {
        SessionUsers.acceptOnly(context, ana(), PASSWORD);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("email", "ana@example.com")
                        .param("password", "wrong"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "").session(session))
                .andExpect(content().string(allOf(containsString("E-mail ou senha incorretos."),
                        containsString("value=\"ana@example.com\""))));
        mvc.perform(get("/login").session(session))
                .andExpect(content().string(not(containsString("E-mail ou senha incorretos."))));
    }

    @Test
    void saysHowLongToWaitWhenTheEmailIsThrottled() throws Exception {
        SessionUsers.throttle(context, Duration.ofMinutes(14).plusSeconds(10));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("email", "ana@example.com")
                .param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "").session(session).cookie(new Cookie("lang", "en")))
                .andExpect(content().string(containsString(
                        "Too many failed attempts with this e-mail. Try again in 15 minutes.")));
    }

    @Test
    void afterSigningInGoesBackToThePageThatAskedForIt() throws Exception {
        SessionUsers.acceptOnly(context, ana(), PASSWORD);
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        MockHttpSession session = new MockHttpSession();
        // the page asked for is kept in a cookie, not in a session: anonymous visitors store nothing
        MvcResult asked = mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/login")).andReturn();
        assertThat(asked.getResponse().getCookies()).extracting(jakarta.servlet.http.Cookie::getName).contains("REDIRECT_URI");
        MvcResult signedIn = mvc.perform(post("/login").session(session).cookie(asked.getResponse().getCookies())
                        .with(csrf()).param("email", "ana@example.com").param("password", PASSWORD))
                .andExpect(status().isFound()).andReturn();
        String target = signedIn.getResponse().getRedirectedUrl();
        assertThat(target).isEqualTo("http://localhost/profile");
        mvc.perform(get(target).session((MockHttpSession) signedIn.getRequest().getSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ana Souza")));
    }

    @Test
    void anExpiredSessionMakesHtmxLoadTheWholePageInsteadOfSwappingTheSignInForm() throws Exception {
        mvc.perform(get("/profile").header("HX-Request", "true")
                        .header("HX-Current-URL", "http://localhost/profile?tab=1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/profile?tab=1"))
                .andExpect(content().string(not(containsString("<form"))));
        mvc.perform(get("/profile").header("HX-Request", "true")
                        .header("HX-Current-URL", "https://elsewhere.example/phish"))
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void aFormPostedAfterTheSessionExpiredLeadsToSignInNotToForbidden() throws Exception {
        mvc.perform(post("/profile").param("name", "Ana"))
                .andExpect(redirectedUrl("/login?expired"));
        mvc.perform(get("/login").param("expired", ""))
                .andExpect(content().string(containsString("Sua sessão expirou.")));
        mvc.perform(post("/profile").header("HX-Request", "true").header("HX-Current-URL", "http://localhost/profile")
                        .param("name", "Ana"))
                .andExpect(header().string("HX-Redirect", "/profile"));
    }

    @Test
    void aSignedInPersonWithoutTheCsrfTokenIsRefused() throws Exception {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        mvc.perform(post("/profile").with(signedIn(ana())).param("name", "Mallory"))
                .andExpect(status().isForbidden());
    }

    @Test
    void signsOutWithAPostAndSaysSo() throws Exception {
        mvc.perform(post("/logout").with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/login?signedOut"));
        mvc.perform(get("/login").param("signedOut", ""))
                .andExpect(content().string(containsString("Você saiu da sua conta.")));
    }

    @Test
    void sendsSomeoneAlreadySignedInHome() throws Exception {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        mvc.perform(get("/login").with(signedIn(ana()))).andExpect(redirectedUrl("/"));
    }
}

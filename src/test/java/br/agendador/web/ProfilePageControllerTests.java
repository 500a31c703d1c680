package br.agendador.web;

import java.util.Optional;

import br.agendador.users.AccountProblem;
import br.agendador.users.ProfileChange;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.inEnglish;
import static br.agendador.web.WebPageFixtures.invalid;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
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
class ProfilePageControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        when(accounts.updateProfile(anyLong(), any())).thenReturn(ana());
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/profile")).andExpect(redirectedUrl("/login"));
        verify(accounts, never()).find(anyLong());
    }

    @Test
    void showsTheViewersOwnProfileWithDatesInTheirZone() throws Exception {
        mvc.perform(get("/profile").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(view().name(ProfilePageController.VIEW))
                .andExpect(content().string(allOf(containsString("value=\"Ana Souza\""),
                        containsString("ana@example.com"),
                        containsString("<option value=\"America/Manaus\" selected=\"selected\">"),
                        containsString("datetime=\"2026-03-01T08:00:00-04:00\""),
                        containsString("1 de março de 2026"),
                        containsString("name=\"dailyDigest\" value=\"true\" checked=\"checked\""))));
    }

    @Test
    void speaksTheLanguageOfTheProfileWhateverTheCookieSays() throws Exception {
        when(accounts.find(ana().id())).thenReturn(Optional.of(inEnglish(ana())));
        mvc.perform(get("/profile").with(signedIn(ana())).cookie(new jakarta.servlet.http.Cookie("lang", "pt-BR")))
                .andExpect(content().string(allOf(containsString("My profile"), containsString("March 1, 2026"),
                        not(containsString("Meu perfil")))));
    }

    @Test
    void savesTheChangesAndSaysSo() throws Exception {
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).param("name", "Ana S.")
                        .param("timeZone", "America/Recife").param("locale", "en")
                        .param("_dailyDigest", "on"))
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attribute("saved", true))
                .andExpect(header().string("Set-Cookie", containsString("lang=pt-BR")));
        verify(accounts).updateProfile(ana().id(), new ProfileChange("Ana S.", "America/Recife", "en", false, "ALL"));
    }

    @Test
    void showsProblemsNextToTheFieldsAndOnlyTheFormToHtmx() throws Exception {
        when(accounts.updateProfile(anyLong(), any())).thenThrow(invalid("timeZone", AccountProblem.TIME_ZONE, "Mars/Base"));
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).param("name", "Ana")
                        .param("timeZone", "Mars/Base").param("locale", "pt-BR"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("profile", "timeZone"))
                .andExpect(content().string(allOf(containsString("Escolha um fuso horário da lista."),
                        containsString("<html"))));
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).header("HX-Request", "true")
                        .param("name", "Ana").param("timeZone", "Mars/Base").param("locale", "pt-BR"))
                .andExpect(status().isOk())
                .andExpect(view().name(ProfilePageController.FORM_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"profile-form\""),
                        containsString("Escolha um fuso horário da lista."), not(containsString("<html")))));
    }

    @Test
    void aBlankNameIsAskedForWithoutSaving() throws Exception {
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).param("name", "  "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Informe seu nome.")));
        verify(accounts, never()).updateProfile(anyLong(), any());
    }

    @Test
    void aSavedProfileReloadsTheWholePageForHtmx() throws Exception {
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).header("HX-Request", "true")
                        .param("name", "Ana").param("timeZone", "America/Manaus").param("locale", "en"))
                .andExpect(header().string("HX-Redirect", "/profile"));
    }

    @Test
    void theSameUrlGivesHtmxJustTheForm() throws Exception {
        mvc.perform(get("/profile").with(signedIn(ana())).header("HX-Request", "true"))
                .andExpect(view().name(ProfilePageController.FORM_FRAGMENT))
                .andExpect(content().string(not(containsString("<nav"))));
    }

    @Test
    void cannotChangeFieldsTheFormDoesNotOffer() throws Exception {
        mvc.perform(post("/profile").with(signedIn(ana())).with(csrf()).param("name", "Ana")
                        .param("timeZone", "America/Manaus").param("locale", "pt-BR").param("id", "1")
                        .param("email", "mallory@example.com").param("role", "ADMIN"))
                .andExpect(redirectedUrl("/profile"));
        verify(accounts).updateProfile(ana().id(), new ProfileChange("Ana", "America/Manaus", "pt-BR", false, "ALL"));
    }
}

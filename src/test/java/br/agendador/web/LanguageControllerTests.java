package br.agendador.web;

import java.util.Optional;

import br.agendador.users.ProfileChange;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

@WebPageTest
class LanguageControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void aVisitorsChoiceIsKeptInACookieAndTheyStayOnThePage() throws Exception {
        mvc.perform(post("/language").with(csrf()).param("lang", "en").param("returnTo", "/signup?x=1"))
                .andExpect(redirectedUrl("/signup?x=1"))
                .andExpect(header().string("Set-Cookie", containsString("lang=en")));
        verify(accounts, never()).updateProfile(anyLong(), any());
    }

    @Test
    void aSignedInPersonsChoiceGoesIntoTheirProfile() throws Exception {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        mvc.perform(post("/language").with(signedIn(ana())).with(csrf()).param("lang", "en")
                        .param("returnTo", "/profile"))
                .andExpect(redirectedUrl("/profile"));
        verify(accounts).updateProfile(ana().id(), new ProfileChange(null, null, "en", null, null));
    }

    @Test
    void neverSendsAnywhereElse() {
        assertThat(LanguageController.localPath("//evil.example/x")).isEqualTo("/");
        assertThat(LanguageController.localPath("https://evil.example/x")).isEqualTo("/");
        assertThat(LanguageController.localPath("/\\evil.example")).isEqualTo("/");
        assertThat(LanguageController.localPath("/a b\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(LanguageController.localPath(null)).isEqualTo("/");
        assertThat(LanguageController.localPath("/profile?tab=2")).isEqualTo("/profile?tab=2");
    }

    @Test
    void anUnknownLanguageChangesNothing() throws Exception {
        mvc.perform(post("/language").with(csrf()).param("lang", "klingon").param("returnTo", "/login"))
                .andExpect(redirectedUrl("/login"))
                .andExpect(header().doesNotExist("Set-Cookie"));
    }
}

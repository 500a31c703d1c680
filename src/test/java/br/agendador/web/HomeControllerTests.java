package br.agendador.web;

import java.util.Optional;

import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class HomeControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void greetsTheViewerAndTellsTheTimeInTheirZone() throws Exception {
        mvc.perform(get("/").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Olá, Ana Souza!"),
                        containsString("Horários no fuso America/Manaus"),
                        containsString("datetime=\"2026-11-25T11:00:00-04:00\">11:00</time>"),
                        containsString("aria-current=\"page\""))));
    }

    @Test
    void checksACnpjOnTheServerToo() throws Exception {
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "12abc34501de35"))
                .andExpect(content().string(allOf(containsString("12.ABC.345/01DE-35"),
                        containsString("alfanumérico"))));
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "11.222.333/0001-80"))
                .andExpect(content().string(containsString("Os dígitos verificadores não conferem.")));
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "123"))
                .andExpect(content().string(containsString("O CNPJ tem 14 caracteres")));
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "11111111111111"))
                .andExpect(content().string(containsString("não pode ter todos os caracteres iguais")));
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "12ABC34501DEAB"))
                .andExpect(content().string(containsString("os 2 últimos caracteres são sempre números")));
    }

    @Test
    void anHtmxCheckGetsOnlyTheVerdict() throws Exception {
        mvc.perform(get("/").with(signedIn(ana())).param("cnpj", "11.222.333/0001-81")
                        .header("HX-Request", "true").header("HX-Target", HomeController.CNPJ_CHECK))
                .andExpect(view().name("home :: cnpjCheck"))
                .andExpect(content().string(allOf(containsString("id=\"cnpj-check\""),
                        containsString("11.222.333/0001-81"), containsString("numérico"),
                        not(containsString("Como funciona")))));
        mvc.perform(get("/").with(signedIn(ana())).header("HX-Request", "true"))
                .andExpect(view().name("home :: content"));
    }
}

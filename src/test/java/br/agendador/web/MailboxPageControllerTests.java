package br.agendador.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import br.agendador.notifications.Mailbox;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebPageFixtures.NOW;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class MailboxPageControllerTests {

    private static final Mailbox.Entry UNREAD = new Mailbox.Entry(5, "Consulta iniciada: 11.222.333/0001-81",
            "Texto simples", "<p onclick=\"steal()\">Olá <b>Ana</b></p><script>alert(1)</script>",
            Instant.parse("2026-11-25T14:30:00Z"), false, "IN_APP", null);

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Mailbox mailbox;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/mailbox")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void listsTheViewersMailsNewestFirstWithTheirDateInTheViewersZone() throws Exception {
        when(mailbox.counts(ana().id())).thenReturn(new Mailbox.Counts(1, 1));
        when(mailbox.page(ana().id(), 0, MailboxPageController.PAGE_SIZE)).thenReturn(List.of(UNREAD));
        mvc.perform(get("/mailbox").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("1 e-mails, 1 não lidos."),
                        containsString("href=\"/mailbox/5\""), containsString("Consulta iniciada: 11.222.333/0001-81"),
                        containsString("datetime=\"2026-11-25T10:30:00-04:00\""), containsString("mail-unread"),
                        containsString("Marcar como lido"))));
    }

    @Test
    void aLongMailboxIsPagedWithLinksToTheNeighbouringPages() throws Exception {
        int total = MailboxPageController.PAGE_SIZE * 2 + 1;
        when(mailbox.counts(ana().id())).thenReturn(new Mailbox.Counts(total, 1));
        when(mailbox.page(ana().id(), 1, MailboxPageController.PAGE_SIZE)).thenReturn(List.of(UNREAD));
        mvc.perform(get("/mailbox").param("page", "1").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Página 2 de 3"),
                        containsString("href=\"/mailbox?page=0\""), containsString("href=\"/mailbox?page=2\""))));
    }

    @Test
    void anEmptyMailboxSaysSo() throws Exception {
        when(mailbox.counts(ana().id())).thenReturn(new Mailbox.Counts(0, 0));
        when(mailbox.page(ana().id(), 0, MailboxPageController.PAGE_SIZE)).thenReturn(List.of());
        mvc.perform(get("/mailbox").with(signedIn(ana())))
                .andExpect(content().string(containsString("Nenhum e-mail ainda.")));
    }

    @Test
    void openingAMailShowsItsHtmlSandboxedWithTheTextVersionAndMarksItRead() throws Exception {
        when(mailbox.find(ana().id(), 5)).thenReturn(Optional.of(UNREAD));
        mvc.perform(get("/mailbox/5").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("sandbox=\"allow-popups allow-popups-to-escape-sandbox\""),
                        containsString("srcdoc=\"&lt;p onclick=&quot;steal()&quot;&gt;Olá"),
                        not(containsString("<script>alert(1)")),
                        containsString("Versão em texto"), containsString("Texto simples"))));
        verify(mailbox).markRead(eq(ana().id()), eq(5L), eq(NOW));
    }

    @Test
    void someoneElsesMailIsNotFound() throws Exception {
        when(mailbox.find(ana().id(), 99)).thenReturn(Optional.empty());
        mvc.perform(get("/mailbox/99").with(signedIn(ana()))).andExpect(status().isNotFound());
        verify(mailbox, never()).markRead(anyLong(), eq(99L), eq(NOW));
    }

    @Test
    void markingReadNeedsTheCsrfTokenAndSwapsTheRowForHtmx() throws Exception {
        mvc.perform(post("/mailbox/5/read").with(signedIn(ana()))).andExpect(status().isForbidden());
        when(mailbox.markRead(ana().id(), 5, NOW)).thenReturn(true);
        mvc.perform(post("/mailbox/5/read").with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/mailbox"));
        when(mailbox.find(ana().id(), 5)).thenReturn(Optional.of(new Mailbox.Entry(5, UNREAD.subject(), UNREAD.text(),
                UNREAD.html(), UNREAD.createdAt(), true, "IN_APP", null)));
        mvc.perform(post("/mailbox/5/read").with(signedIn(ana())).with(csrf()).header("HX-Request", "true"))
                .andExpect(view().name("mailbox/list :: row"))
                .andExpect(content().string(allOf(containsString("id=\"mail-5\""), not(containsString("mail-unread")))));
        mvc.perform(post("/mailbox/6/read").with(signedIn(ana())).with(csrf())).andExpect(status().isNotFound());
    }
}

package br.agendador.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.lookup.ProviderHealth;
import br.agendador.platform.deadletters.DeadLetter;
import br.agendador.platform.deadletters.DeadLetterKind;
import br.agendador.platform.deadletters.DeadLetterPage;
import br.agendador.platform.deadletters.DeadLetters;
import br.agendador.users.JobMailChoice;
import br.agendador.users.Role;
import br.agendador.users.UserAccount;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebJobFixtures.job;
import static br.agendador.web.WebJobFixtures.page;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebPageTest
class AdminPageControllerTests {

    private static final UserAccount ADMIN = new UserAccount(1, "root@example.com", "Root", Role.ADMIN,
            ana().timeZone(), ana().language(), false, JobMailChoice.ALL, ana().createdAt());

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Jobs jobs;

    @Autowired
    ProviderHealth providers;

    @Autowired
    DeadLetters deadLetters;

    @BeforeEach
    void accounts() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        when(accounts.find(ADMIN.id())).thenReturn(Optional.of(ADMIN));
        when(accounts.findByEmail(ana().email())).thenReturn(Optional.of(ana()));
    }

    @Test
    void onlyAdministratorsGetIn() throws Exception {
        mvc.perform(get("/admin")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/admin").with(signedIn(ana()))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/jobs").with(signedIn(ana()))).andExpect(status().isForbidden());
    }

    @Test
    void theOverviewShowsEachProvidersHealthAndWhatWasGivenUpOn() throws Exception {
        when(providers.providers()).thenReturn(List.of(
                new ProviderHealth.ProviderStatus("brasilapi", 1, true, true, URI.create("https://brasilapi.com.br"),
                        ProviderHealth.Health.DOWN, "OPEN", Instant.parse("2026-11-25T14:00:00Z"), null, null, null,
                        null, Instant.parse("2026-11-25T14:00:00Z"), "HTTP 503", null),
                new ProviderHealth.ProviderStatus("cnpjws", 4, true, false, URI.create("https://publica.cnpj.ws"),
                        ProviderHealth.Health.UP, "CLOSED", null, 3, 2, null, Instant.parse("2026-11-25T14:10:00Z"),
                        null, null, null)));
        when(deadLetters.counts()).thenReturn(List.of(new DeadLetters.KindCount(DeadLetterKind.JOB, 1),
                new DeadLetters.KindCount(DeadLetterKind.MAIL, 0), new DeadLetters.KindCount(DeadLetterKind.EVENT, 0)));
        when(deadLetters.page(isNull(), eq(0), anyInt())).thenReturn(new DeadLetterPage(List.of(new DeadLetter(
                DeadLetterKind.JOB, "42", ana().id(), "11222333000181", "all providers failed", 8,
                Instant.parse("2026-11-25T14:05:00Z"))), 0, 20, 1));

        mvc.perform(get("/admin").with(signedIn(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"provider-brasilapi\""), containsString("Fora do ar"),
                        containsString("Aberto"), containsString("2 de 3 por minuto"), containsString("Sem limite"),
                        containsString("HTTP 503"), containsString("id=\"dead-JOB-42\""),
                        containsString("all providers failed"), containsString(ana().email()),
                        containsString("Consultas (1)"))));
    }

    @Test
    void everyonesJobsFilteredByStatusAndOwnerEmail() throws Exception {
        when(jobs.listAll(eq(ana().id()), argThat((JobFilter f) -> f.statuses().contains(JobStatus.FAILED)),
                any(JobSort.class), eq(0), anyInt()))
                .thenReturn(page(job(42, ana().id(), JobStatus.FAILED, Instant.parse("2026-11-25T14:00:00Z"))));
        mvc.perform(get("/admin/jobs").with(signedIn(ADMIN)).param("status", "FAILED").param("email", ana().email()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"admin-job-42\""),
                        containsString("11.222.333/0001-81"), containsString(ana().email()),
                        containsString("all providers failed"), containsString("<option value=\"FAILED\" selected"))));

        when(accounts.findByEmail("nobody@example.com")).thenReturn(Optional.empty());
        mvc.perform(get("/admin/jobs").with(signedIn(ADMIN)).param("email", "nobody@example.com"))
                .andExpect(content().string(containsString("Nenhum usuário com o e-mail nobody@example.com.")));
    }
}

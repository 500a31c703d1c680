package br.agendador.web;

import java.util.List;
import java.util.Optional;

import br.agendador.jobs.JobProblem;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobAttempt;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebJobFixtures.SCHEDULED_AT;
import static br.agendador.web.WebJobFixtures.company;
import static org.assertj.core.api.Assertions.assertThat;
import static br.agendador.web.WebJobFixtures.job;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class JobPageControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Jobs jobs;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/jobs/42")).andExpect(redirectedUrl("/login"));
        verify(jobs, never()).get(anyLong(), anyLong());
    }

    @Test
    void someoneElsesJobIsNotFoundLikeAMissingOne() throws Exception {
        when(jobs.get(ana().id(), 43)).thenThrow(Problems.notFound(JobProblem.NOT_FOUND, 43));
        mvc.perform(get("/jobs/43").with(signedIn(ana()))).andExpect(status().isNotFound());
        mvc.perform(get("/jobs/43/edit").with(signedIn(ana()))).andExpect(status().isNotFound());
        mvc.perform(get("/jobs/43/cancel").with(signedIn(ana()))).andExpect(status().isNotFound());
        when(jobs.cancel(ana().id(), 43)).thenThrow(Problems.notFound(JobProblem.NOT_FOUND, 43));
        mvc.perform(post("/jobs/43/cancel").with(signedIn(ana())).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void showsTheCompanyFoundWithTheChangesSinceTheLastLookupHighlighted() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SUCCEEDED,
                company(List.of(new FieldChange("registrationStatus", "INAPTA", "ATIVA"),
                        new FieldChange("address.street", "Rua Velha", "Avenida Paulista")))));
        when(jobs.attempts(ana().id(), 42)).thenReturn(List.of(new JobAttempt(1, "worker-a", SCHEDULED_AT.plusSeconds(1),
                SCHEDULED_AT.plusSeconds(3), "SUCCEEDED", "brasilapi", null)));
        mvc.perform(get("/jobs/42").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(view().name(JobPageController.VIEW))
                .andExpect(content().string(allOf(
                        containsString("11.222.333/0001-81"), containsString("Fornecedor ACME"),
                        containsString("Concluído"), containsString("ACME Comércio de Parafusos Ltda"),
                        containsString("4672-9/00 · Comércio atacadista"), containsString("01310-100"),
                        containsString("R$"), containsString("150.000,00"), containsString("Maria Souza"),
                        containsString("12 de abril de 1999"), containsString("2 campos mudaram"),
                        containsString("<del>INAPTA</del>"), containsString("<del>Rua Velha</del>"),
                        containsString("company-changed bg-warning-subtle px-2 rounded\" data-field=\"registrationStatus\""),
                        containsString("Empresa encontrada"), containsString("worker-a"),
                        // times in Ana's zone (Manaus, UTC-4)
                        containsString("datetime=\"2026-11-25T14:30:00-04:00\""),
                        not(containsString("hx-trigger")), not(containsString("id=\"job-waiting\"")),
                        not(containsString("id=\"job-running\"")), not(containsString("id=\"job-problem\"")))));
    }

    /** What the provider could not tell reads as such, not as an empty value. */
    @Test
    void saysWhichFieldsTheProviderCouldNotTell() throws Exception {
        CompanySnapshot known = company(List.of());
        CompanySnapshot fromReceitaWs = new CompanySnapshot(known.cnpj(), known.legalName(), known.tradeName(),
                known.registrationStatus(), known.registrationStatusDate(), null, known.openedOn(), known.legalNature(),
                known.mainActivity(), known.secondaryActivities(), known.address(), known.phone(), null,
                known.shareCapital(), known.size(), null, null,
                List.of(new CompanySnapshot.Partner("Maria Souza", "Sócio-Administrador", null)), List.of(), "receitaws", null,
                known.fetchedAt(), List.of(), List.of("simples", "mei", "partners.since", "dataAsOf"));
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SUCCEEDED, fromReceitaWs));
        String page = mvc.perform(get("/jobs/42").with(signedIn(ana()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page.split("não informado por receitaws", -1)).as("Simples, MEI and the partner's date").hasSize(4);
        assertThat(page).contains("receitaws não informa de quando são os dados da Receita");
        assertThat(page).as("an e-mail it gives, and this company has none, is empty, not unknown")
                .containsPattern("data-field=\"email\"[^>]*>\\s*<dt[^>]*>[^<]*</dt>\\s*<dd class=\"mb-0\">—</dd>");
    }

    @Test
    void speaksTheViewersLanguage() throws Exception {
        when(accounts.find(ana().id())).thenReturn(Optional.of(WebPageFixtures.inEnglish(ana())));
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SUCCEEDED, company(List.of())));
        mvc.perform(get("/jobs/42").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("Succeeded"), containsString("Company found"),
                        containsString("April 12, 1999"), containsString("R$150,000.00"), not(containsString("Concluído")))));
    }

    @Test
    void aJobThatMayStillChangeRefreshesItselfAndHtmxGetsOnlyThatPart() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.RUNNING));
        mvc.perform(get("/jobs/42").with(signedIn(ana())).header("HX-Request", "true"))
                .andExpect(view().name(JobPageController.LIVE_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"job-live\""),
                        containsString("hx-get=\"/jobs/42\""), containsString("hx-trigger=\"every 3s\""),
                        containsString("Consultando a empresa"), containsString("id=\"job-running\""),
                        not(containsString("id=\"job-waiting\"")), not(containsString("<html")))));
    }

    @Test
    void aFailedJobSaysWhyAndOffersARetry() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.FAILED));
        mvc.perform(get("/jobs/42").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("A consulta falhou"),
                        containsString("receitaws: HTTP 503"), containsString("action=\"/jobs/42/retry\""),
                        containsString("name=\"_csrf\""))));
    }

    @Test
    void cancelingAsksFirstThenCancelsWithCsrfOnly() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SCHEDULED));
        mvc.perform(get("/jobs/42/cancel").with(signedIn(ana())))
                .andExpect(view().name(JobPageController.CANCEL_VIEW))
                .andExpect(content().string(allOf(containsString("Cancelar este agendamento?"),
                        containsString("action=\"/jobs/42/cancel\""), containsString("name=\"_csrf\""))));

        mvc.perform(post("/jobs/42/cancel").with(signedIn(ana()))).andExpect(status().isForbidden());
        verify(jobs, never()).cancel(anyLong(), anyLong());

        mvc.perform(post("/jobs/42/cancel").with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/jobs/42"))
                .andExpect(flash().attribute(JobPageController.NOTICE, "job.flash.canceled"));
        verify(jobs).cancel(ana().id(), 42);
    }

    @Test
    void aJobThatStartedMeanwhileIsNotCanceledAndTheOwnerIsTold() throws Exception {
        when(jobs.cancel(ana().id(), 42)).thenThrow(Problems.conflict(JobProblem.ILLEGAL_CHANGE, 42, "canceled", "SCHEDULED", "RUNNING"));
        mvc.perform(post("/jobs/42/cancel").with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/jobs/42"))
                .andExpect(flash().attribute(JobPageController.WARNING, "job.flash.cancelConflict"));
    }

    @Test
    void retriesWithCsrfOnly() throws Exception {
        mvc.perform(post("/jobs/42/retry").with(signedIn(ana()))).andExpect(status().isForbidden());
        verify(jobs, never()).retry(anyLong(), anyLong());
        mvc.perform(post("/jobs/42/retry").with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/jobs/42"))
                .andExpect(flash().attribute(JobPageController.NOTICE, "job.flash.retried"));
        verify(jobs).retry(ana().id(), 42);
    }

    @Test
    void aFlashMessageShowsOnTheJobPage() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SCHEDULED));
        mvc.perform(get("/jobs/42").with(signedIn(ana())).flashAttr(JobPageController.NOTICE, "job.flash.scheduled"))
                .andExpect(content().string(allOf(containsString("Consulta agendada."),
                        containsString("hx-trigger=\"every 3s\""), containsString("href=\"/jobs/42/edit\""))));
    }
}

package br.agendador.web;

import java.time.Instant;
import java.util.Optional;

import br.agendador.jobs.JobProblem;
import br.agendador.jobs.CreatedJob;
import br.agendador.jobs.JobChange;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.jobs.NewJob;
import br.agendador.jobs.Recurrence;
import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static br.agendador.web.WebJobFixtures.CNPJ;
import static br.agendador.web.WebJobFixtures.job;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.invalid;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
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
class JobFormControllerTests {

    private static final String REQUEST_ID = "0b6f1f1e-6a39-4bd4-9d8c-2c1b8c5b7e10";
    /** 2026-11-25 11:30 in Manaus (UTC-4), Ana's zone. */
    private static final Instant ELEVEN_THIRTY_IN_MANAUS = Instant.parse("2026-11-25T15:30:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Jobs jobs;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        when(jobs.create(anyLong(), any(NewJob.class), anyString()))
                .thenReturn(new CreatedJob(job(42, ana().id(), JobStatus.SCHEDULED), false));
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/jobs/new")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/jobs/42/edit")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void aNewJobDefaultsToAMomentFromNowInTheViewersZoneAndNormalPriority() throws Exception {
        // The clock says 15:00 UTC: 11:00 in Manaus.
        mvc.perform(get("/jobs/new").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(view().name(JobFormController.VIEW))
                .andExpect(content().string(allOf(containsString("value=\"2026-11-25\""),
                        containsString("value=\"11:02\""), containsString("<option value=\"3\" selected=\"selected\">"),
                        containsString("America/Manaus"), containsString("data-cnpj"),
                        containsString("5 · a mais urgente"), containsString("name=\"requestId\""))));
    }

    @Test
    void schedulesTheJobAtTheViewersWallClockTimeAndShowsIt() throws Exception {
        mvc.perform(newJob().param("cnpj", "11.222.333/0001-81").param("date", "2026-11-25").param("time", "11:30")
                        .param("priority", "5").param("label", "Fornecedor").param("recurrence", "WEEKLY"))
                .andExpect(redirectedUrl("/jobs/42"))
                .andExpect(flash().attribute(JobPageController.NOTICE, "job.flash.scheduled"));
        verify(jobs).create(ana().id(), new NewJob("11.222.333/0001-81", ELEVEN_THIRTY_IN_MANAUS, 5, "Fornecedor",
                Recurrence.WEEKLY), REQUEST_ID);
    }

    @Test
    void anInvalidCnpjIsExplainedNextToItWithoutAskingTheService() throws Exception {
        mvc.perform(newJob().param("cnpj", "11.222.333/0001-82").param("date", "2026-11-25").param("time", "11:30"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors(JobFormController.FORM, "cnpj"))
                .andExpect(content().string(allOf(containsString("Os dígitos verificadores não conferem."),
                        containsString("id=\"cnpj-error\""))));
        mvc.perform(newJob().param("cnpj", "").param("date", "").param("time", "11:30").param("label", "Mantido"))
                .andExpect(content().string(allOf(containsString("Informe o CNPJ."), containsString("Informe a data."),
                        containsString("value=\"Mantido\""))));
        verify(jobs, never()).create(anyLong(), any(NewJob.class), anyString());
    }

    @Test
    void theServicesVerdictOnATimeInThePastIsTranslated() throws Exception {
        when(jobs.create(anyLong(), any(NewJob.class), anyString())).thenThrow(invalid("scheduledAt",
                JobProblem.SCHEDULED_AT_PAST, "2026-11-25T10:00:00Z", "2026-11-25T15:00:00Z"));
        mvc.perform(newJob().param("cnpj", CNPJ).param("date", "2026-11-25").param("time", "06:00"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors(JobFormController.FORM, "scheduledAt"))
                .andExpect(content().string(containsString("Esse horário já passou; escolha um a partir de agora.")));
    }

    @Test
    void htmxGetsTheFormBackWithErrorsOrIsSentToTheNewJob() throws Exception {
        mvc.perform(newJob().header("HX-Request", "true").param("cnpj", "123").param("date", "2026-11-25")
                        .param("time", "11:30"))
                .andExpect(view().name(JobFormController.FORM_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"job-form\""),
                        containsString("O CNPJ tem 14 caracteres"), not(containsString("<html")))));
        mvc.perform(newJob().header("HX-Request", "true").param("cnpj", CNPJ).param("date", "2026-11-25")
                        .param("time", "11:30"))
                .andExpect(header().string("HX-Redirect", "/jobs/42"));
    }

    @Test
    void postingRequiresTheCsrfToken() throws Exception {
        mvc.perform(post("/jobs/new").with(signedIn(ana())).param("cnpj", CNPJ).param("date", "2026-11-25")
                .param("time", "11:30")).andExpect(status().isForbidden());
        mvc.perform(post("/jobs/42/edit").with(signedIn(ana())).param("cnpj", CNPJ).param("date", "2026-11-25")
                .param("time", "11:30")).andExpect(status().isForbidden());
        verify(jobs, never()).create(anyLong(), any(NewJob.class), anyString());
        verify(jobs, never()).update(anyLong(), anyLong(), any());
    }

    @Test
    void theEditFormShowsTheJobAsItIsInTheViewersZone() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SCHEDULED));
        mvc.perform(get("/jobs/42/edit").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("value=\"11.222.333/0001-81\""),
                        containsString("value=\"2026-11-25\""), containsString("value=\"14:30\""),
                        containsString("<option value=\"4\" selected=\"selected\">"),
                        containsString("value=\"Fornecedor ACME\""), containsString("action=\"/jobs/42/edit\""))));
    }

    @Test
    void savesAChangeAndAnEmptyLabelRemovesIt() throws Exception {
        mvc.perform(post("/jobs/42/edit").with(signedIn(ana())).with(csrf()).param("cnpj", CNPJ)
                        .param("date", "2026-11-25").param("time", "11:30").param("priority", "2").param("label", " ")
                        .param("recurrence", "NONE"))
                .andExpect(redirectedUrl("/jobs/42"))
                .andExpect(flash().attribute(JobPageController.NOTICE, "job.flash.saved"));
        verify(jobs).update(ana().id(), 42, new JobChange(CNPJ, ELEVEN_THIRTY_IN_MANAUS, 2, JobChange.REMOVE_LABEL,
                Recurrence.NONE));
    }

    @Test
    void aJobThatNoLongerWaitsCannotBeEditedAndSaysSo() throws Exception {
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.SUCCEEDED));
        mvc.perform(get("/jobs/42/edit").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"job-locked\""),
                        containsString("não pode mais ser alterado"), not(containsString("id=\"job-form\"")))));
    }

    @Test
    void aJobThatStartedWhileBeingEditedKeepsWhatWasTyped() throws Exception {
        when(jobs.update(eq(ana().id()), eq(42L), any()))
                .thenThrow(Problems.conflict(JobProblem.ILLEGAL_CHANGE, 42, "edited", "SCHEDULED", "RUNNING"));
        when(jobs.get(ana().id(), 42)).thenReturn(job(42, ana().id(), JobStatus.RUNNING));
        mvc.perform(post("/jobs/42/edit").with(signedIn(ana())).with(csrf()).param("cnpj", CNPJ)
                        .param("date", "2026-11-26").param("time", "08:15").param("priority", "5")
                        .param("label", "Novo nome"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("A consulta começou enquanto você editava"),
                        containsString("value=\"Novo nome\""), containsString("value=\"2026-11-26\""),
                        containsString("value=\"08:15\""), containsString("id=\"save-as-new\""),
                        containsString("formaction=\"/jobs/new\""), not(containsString("id=\"job-submit\"")))));
    }

    @Test
    void cannotSetFieldsTheFormDoesNotOffer() throws Exception {
        mvc.perform(newJob().param("cnpj", CNPJ).param("date", "2026-11-25").param("time", "11:30")
                        .param("userId", "99").param("status", "SUCCEEDED"))
                .andExpect(redirectedUrl("/jobs/42"));
        verify(jobs).create(ana().id(), new NewJob(CNPJ, ELEVEN_THIRTY_IN_MANAUS, 3, "", Recurrence.NONE), REQUEST_ID);
    }

    private static MockHttpServletRequestBuilder newJob() {
        return post("/jobs/new").with(signedIn(ana())).with(csrf()).param("requestId", REQUEST_ID);
    }
}

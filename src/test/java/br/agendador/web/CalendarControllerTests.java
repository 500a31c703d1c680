package br.agendador.web;

import java.time.Instant;
import java.util.Optional;

import br.agendador.jobs.JobProblem;
import br.agendador.jobs.JobChange;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebJobFixtures.job;
import static br.agendador.web.WebJobFixtures.page;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebPageTest
class CalendarControllerTests {

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
        mvc.perform(get("/calendar")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/calendar/events").param("start", "2026-11-01").param("end", "2026-12-01"))
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void thePageLoadsTheCalendarWithTheViewersClockAndLinksToImport() throws Exception {
        mvc.perform(get("/calendar").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("data-now=\"2026-11-25T11:00:00\""),
                        containsString("data-locale=\"pt-br\""),
                        containsString("data-events-url=\"/calendar/events\""),
                        containsString("/index.global.min.js"),
                        containsString("/locales/pt-br.global.min.js"),
                        containsString("/js/calendar.js"),
                        containsString("href=\"/jobs/bulk\""), containsString("href=\"/jobs/new\""),
                        containsString("id=\"calendar-list\""))));
    }

    @Test
    void theFeedReadsThePeriodAndShowsJobsInTheViewersWallClock() throws Exception {
        Instant nineInManaus = Instant.parse("2026-11-26T13:00:00Z");
        when(jobs.list(eq(ana().id()), any(JobFilter.class), any(JobSort.class), eq(0), anyInt()))
                .thenReturn(page(job(41, ana().id(), JobStatus.SCHEDULED, nineInManaus),
                        job(42, ana().id(), JobStatus.SUCCEEDED, nineInManaus.plusSeconds(3600))));

        mvc.perform(get("/calendar/events").with(signedIn(ana()))
                        .param("start", "2026-10-26T00:00:00Z").param("end", "2026-12-07T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.truncated").value(false))
                .andExpect(jsonPath("$.events[0].id").value(41))
                .andExpect(jsonPath("$.events[0].start").value("2026-11-26T09:00:00"))
                .andExpect(jsonPath("$.events[0].url").value("/jobs/41"))
                .andExpect(jsonPath("$.events[0].editable").value(true))
                .andExpect(jsonPath("$.events[0].classNames[1]").value("job-status-scheduled"))
                .andExpect(jsonPath("$.events[0].title").value("11.222.333/0001-81 · Fornecedor 41"))
                .andExpect(jsonPath("$.events[0].extendedProps.statusLabel").value("Agendados"))
                .andExpect(jsonPath("$.events[1].editable").value(false))
                .andExpect(jsonPath("$.events[1].classNames[1]").value("job-status-succeeded"));

        ArgumentCaptor<JobFilter> filter = ArgumentCaptor.forClass(JobFilter.class);
        verify(jobs).list(eq(ana().id()), filter.capture(), any(JobSort.class), eq(0), anyInt());
        assertThat(filter.getValue().from()).as("midnight in Manaus").isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        assertThat(filter.getValue().to()).isEqualTo(Instant.parse("2026-12-07T04:00:00Z"));
    }

    @Test
    void aMalformedOrHugePeriodIsABadRequestWithAMessage() throws Exception {
        mvc.perform(get("/calendar/events").with(signedIn(ana())).param("start", "yesterday").param("end", "today"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Período inválido para o calendário."));
        mvc.perform(get("/calendar/events").with(signedIn(ana())).param("start", "2020-01-01").param("end", "2026-01-01"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void movingAJobReschedulesItAtTheWallClockTimeDropped() throws Exception {
        Instant tenInManaus = Instant.parse("2026-11-28T14:00:00Z");
        when(jobs.update(eq(ana().id()), eq(41L), any(JobChange.class)))
                .thenReturn(job(41, ana().id(), JobStatus.SCHEDULED, tenInManaus));

        mvc.perform(post("/calendar/events/41").with(signedIn(ana())).with(csrf()).param("start", "2026-11-28T10:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.start").value("2026-11-28T10:00:00"));

        ArgumentCaptor<JobChange> change = ArgumentCaptor.forClass(JobChange.class);
        verify(jobs).update(eq(ana().id()), eq(41L), change.capture());
        assertThat(change.getValue().scheduledAt()).isEqualTo(tenInManaus);
        assertThat(change.getValue().cnpj()).isNull();
    }

    @Test
    void aMoveWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/calendar/events/41").with(signedIn(ana())).param("start", "2026-11-28T10:00:00"))
                .andExpect(status().isForbidden());
        verify(jobs, never()).update(any(Long.class), any(Long.class), any(JobChange.class));
    }

    @Test
    void refusedMovesSayWhyInTheViewersLanguage() throws Exception {
        when(jobs.update(eq(ana().id()), eq(42L), any(JobChange.class)))
                .thenThrow(Problems.conflict(JobProblem.ILLEGAL_CHANGE, 42, "edited", "SCHEDULED", "SUCCEEDED"));
        mvc.perform(post("/calendar/events/42").with(signedIn(ana())).with(csrf()).param("start", "2026-11-28T10:00:00"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(
                        "Só consultas agendadas podem ser reagendadas; esta já começou ou terminou."));

        when(jobs.update(eq(ana().id()), eq(43L), any(JobChange.class)))
                .thenThrow(WebPageFixtures.invalid("scheduledAt", JobProblem.SCHEDULED_AT_PAST, "2026-11-01T13:00:00Z", "2026-11-25T15:00:00Z"));
        mvc.perform(post("/calendar/events/43").with(signedIn(ana())).with(csrf()).param("start", "2026-11-01T10:00:00"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Não é possível reagendar para o passado."));

        mvc.perform(post("/calendar/events/43").with(signedIn(ana())).with(csrf()).param("start", "soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Data ou horário inválido."));
    }
}

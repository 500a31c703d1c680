package br.agendador.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import br.agendador.jobs.JobProblem;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static br.agendador.web.WebJobFixtures.job;
import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class JobListControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Jobs jobs;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt())).thenReturn(new JobPage(List.of(), 0, 20, 0));
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/jobs")).andExpect(redirectedUrl("/login"));
        verify(jobs, never()).list(anyLong(), any(), any(), anyInt(), anyInt());
    }

    @Test
    void readsFiltersSortAndPageFromTheUrlWithDatesInTheViewersZone() throws Exception {
        mvc.perform(get("/jobs").with(signedIn(ana())).param("status", "FAILED", "not_found").param("cnpj", "11.222")
                        .param("from", "2026-12-01").param("to", "2026-12-31").param("q", "acme")
                        .param("sort", "priority,desc").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(view().name(JobListController.VIEW));
        // Whole days in Manaus (UTC-4), the end day included.
        verify(jobs).list(ana().id(), new JobFilter(Set.of(JobStatus.FAILED, JobStatus.NOT_FOUND), "11.222",
                Instant.parse("2026-12-01T04:00:00Z"), Instant.parse("2027-01-01T04:00:00Z"), "acme"),
                JobSort.parse("priority,desc"), 2, Jobs.DEFAULT_PAGE_SIZE);
    }

    @Test
    void showsEachJobWithItsStatusAndWhatCanBeDoneWithIt() throws Exception {
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt())).thenReturn(new JobPage(List.of(
                job(1, ana().id(), JobStatus.SCHEDULED), job(2, ana().id(), JobStatus.FAILED),
                job(3, ana().id(), JobStatus.SUCCEEDED)), 0, 20, 3));
        mvc.perform(get("/jobs").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("3 agendamentos"),
                        containsString("11.222.333/0001-81"), containsString("Agendado"), containsString("Falhou"),
                        containsString("Concluído"), containsString("href=\"/jobs/1/edit\""),
                        containsString("href=\"/jobs/1/cancel\""), containsString("action=\"/jobs/2/retry\""),
                        not(containsString("href=\"/jobs/3/edit\"")), not(containsString("/jobs/2/cancel")),
                        // a SCHEDULED job may change: the results ask again
                        containsString("hx-trigger=\"every 3s\""), containsString("hx-push-url=\"true\""))));
    }

    @Test
    void htmxGetsOnlyTheResultsAndTheyStopAskingOnceEveryJobIsFinal() throws Exception {
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt())).thenReturn(new JobPage(List.of(
                job(3, ana().id(), JobStatus.SUCCEEDED), job(4, ana().id(), JobStatus.CANCELED)), 0, 20, 2));
        mvc.perform(get("/jobs").with(signedIn(ana())).param("status", "SUCCEEDED").header("HX-Request", "true"))
                .andExpect(view().name(JobListController.RESULTS_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"job-results\""),
                        containsString("data-live=\"false\""), not(containsString("every 3s")),
                        not(containsString("<html")), not(containsString("id=\"job-filters\"")))));
    }

    @Test
    void theAddressBarGetsTheListsOwnUrlButNotFromThePoll() throws Exception {
        mvc.perform(get("/jobs").with(signedIn(ana())).header("HX-Request", "true").header("HX-Trigger", "job-filters")
                        .param("q", "acme").param("cnpj", "").param("from", "").param("sort", "scheduledAt,desc"))
                .andExpect(header().string("HX-Push-Url", "/jobs?q=acme"));
        mvc.perform(get("/jobs").with(signedIn(ana())).header("HX-Request", "true").header("HX-Trigger", "job-results")
                        .param("q", "acme"))
                .andExpect(header().doesNotExist("HX-Push-Url"));
    }

    @Test
    void aHistoryRestoreGetsTheWholePage() throws Exception {
        mvc.perform(get("/jobs").with(signedIn(ana())).header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true"))
                .andExpect(view().name(JobListController.VIEW))
                .andExpect(content().string(containsString("<html")));
    }

    @Test
    void nothingYetInvitesToScheduleTheFirstLookup() throws Exception {
        mvc.perform(get("/jobs").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("Você ainda não tem agendamentos"),
                        containsString("href=\"/jobs/new\""), not(containsString("id=\"jobs-table\"")))));
        mvc.perform(get("/jobs").with(signedIn(ana())).param("q", "nada"))
                .andExpect(content().string(allOf(containsString("Nenhum agendamento com esses filtros"),
                        containsString("value=\"nada\""))));
    }

    @Test
    void aPagePastTheEndLeadsBackToTheFirst() throws Exception {
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt())).thenReturn(new JobPage(List.of(), 9, 20, 3));
        mvc.perform(get("/jobs").with(signedIn(ana())).param("q", "acme").param("page", "9"))
                .andExpect(content().string(allOf(containsString("Esta página está além do fim da lista."),
                        containsString("href=\"/jobs?q=acme\""), not(containsString("Você ainda não tem")))));
    }

    @Test
    void aFilterTheServiceRefusesIsExplainedNotAnError() throws Exception {
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt()))
                .thenThrow(Problems.invalid("to", JobProblem.TO_BEFORE_FROM));
        mvc.perform(get("/jobs").with(signedIn(ana())).param("from", "2026-12-31").param("to", "2026-12-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A data final precisa ser igual ou posterior à inicial.")));
    }

    @Test
    void pagingAndSortingLinksKeepTheFilters() throws Exception {
        when(jobs.list(anyLong(), any(), any(), anyInt(), anyInt())).thenReturn(new JobPage(List.of(
                job(1, ana().id(), JobStatus.FAILED)), 1, 20, 45));
        mvc.perform(get("/jobs").with(signedIn(ana())).param("status", "FAILED").param("q", "acme").param("page", "1"))
                .andExpect(content().string(allOf(containsString("Página 2 de 3"),
                        containsString("href=\"/jobs?status=FAILED&amp;q=acme&amp;page=2\""),
                        containsString("href=\"/jobs?status=FAILED&amp;q=acme\""),
                        containsString("href=\"/jobs?status=FAILED&amp;q=acme&amp;sort=priority,desc\""),
                        containsString("aria-sort=\"descending\""))));
    }

    @Test
    void unreadableParametersAreLeftOutInsteadOfFailing() throws Exception {
        mvc.perform(get("/jobs").with(signedIn(ana())).param("status", "DONE").param("sort", "name")
                        .param("from", "yesterday").param("page", "x"))
                .andExpect(status().isOk());
        verify(jobs).list(ana().id(), JobFilter.all(), JobSort.DEFAULT, 0, Jobs.DEFAULT_PAGE_SIZE);
    }
}

package br.agendador.web;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
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
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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

    @Autowired
    Jobs jobs;

    @BeforeEach
    void anaHasAnAccount() {
        when(accounts.find(ana().id())).thenReturn(Optional.of(ana()));
        WebJobFixtures.noJobs(jobs);
    }

    @Test
    void aNewcomerSeesHowItWorksAndTheWayToImport() throws Exception {
        mvc.perform(get("/").with(signedIn(ana())))
                .andExpect(content().string(allOf(containsString("Como funciona"), containsString("href=\"/jobs/bulk\""),
                        not(containsString("id=\"dashboard-chart\"")))));
    }

    @Test
    void theDashboardCountsJobsPerStatusChartsTheMonthAndListsTheNextAndLatest() throws Exception {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        counts.put(JobStatus.SCHEDULED, 4L);
        counts.put(JobStatus.SUCCEEDED, 7L);
        counts.put(JobStatus.FAILED, 1L);
        when(jobs.countsByStatus(ana().id())).thenReturn(counts);
        when(jobs.stats(eq(ana().id()), isNull(), isNull()))
                .thenReturn(WebJobFixtures.stats(Map.of(JobStatus.SUCCEEDED, 2L, JobStatus.FAILED, 1L)));
        Instant at = Instant.parse("2026-11-26T13:00:00Z");
        when(jobs.list(eq(ana().id()), argThat(f -> f != null && f.statuses().equals(Set.of(JobStatus.SCHEDULED))),
                any(JobSort.class), eq(0), eq(Dashboard.LIST_SIZE)))
                .thenReturn(WebJobFixtures.page(WebJobFixtures.job(41, ana().id(), JobStatus.SCHEDULED, at)));

        mvc.perform(get("/").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Suas consultas (12)"),
                        containsString("href=\"/jobs?status=SCHEDULED\""),
                        containsString("id=\"count-SUCCEEDED\""),
                        containsString("id=\"dashboard-chart\""),
                        containsString("&quot;SUCCEEDED&quot;:[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2]"),
                        containsString("2 concluídas, 0 não encontradas, 1 com falha"),
                        containsString("href=\"/jobs/41\""),
                        containsString("11.222.333/0001-81"),
                        containsString("/dist/chart.umd.js"),
                        not(containsString("Como funciona")))));
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
                        not(containsString("Como funciona")), not(containsString("dashboard")))));
        mvc.perform(get("/").with(signedIn(ana())).header("HX-Request", "true"))
                .andExpect(view().name("home :: content"));
    }
}

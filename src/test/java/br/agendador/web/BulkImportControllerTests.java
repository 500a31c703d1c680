package br.agendador.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import br.agendador.platform.problem.Problems.FieldProblem;
import br.agendador.jobs.JobProblem;
import br.agendador.cnpj.CnpjProblem;
import br.agendador.jobs.BulkResult;
import br.agendador.jobs.BulkResult.Rejected;
import br.agendador.jobs.Jobs;
import br.agendador.platform.problem.Problems;
import br.agendador.users.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static br.agendador.web.WebPageFixtures.ana;
import static br.agendador.web.WebPageFixtures.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebPageTest
class BulkImportControllerTests {

    private static final BulkResult RESULT = new BulkResult(2, List.of(
            rejected(3, "123", FieldProblem.of("cnpj", CnpjProblem.LENGTH, 3)),
            rejected(4, "11222333000181", FieldProblem.of("cnpj", JobProblem.BULK_REPEATED, 2)),
            rejected(5, "11444777000161", FieldProblem.of("cnpj", JobProblem.BULK_ALREADY_SCHEDULED, 9)),
            rejected(6, "11.222.333/0001-80", FieldProblem.of("cnpj", CnpjProblem.CHECK_DIGITS, "81", "80"),
                    FieldProblem.of("priority", JobProblem.PRIORITY_RANGE, 9))));

    private static Rejected rejected(int line, String cnpj, FieldProblem... problems) {
        return new Rejected(line, cnpj, "test", List.of(problems));
    }

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
        mvc.perform(get("/jobs/bulk")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theFormTellsTheLimitsAndPostsInPlaceWithAProgressBar() throws Exception {
        mvc.perform(get("/jobs/bulk").with(signedIn(ana())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Agende até 10.000 consultas"),
                        containsString("até 4 MB"), containsString("enctype=\"multipart/form-data\""),
                        containsString("hx-indicator=\"#bulk-progress\""), containsString("data-max-bytes=\"4194304\""),
                        containsString("name=\"_csrf\""), containsString("/js/bulk.js"))));
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(multipart("/jobs/bulk").file(csv("cnpj\n11222333000181\n")).with(signedIn(ana())))
                .andExpect(status().isForbidden());
        verify(jobs, never()).bulkCsv(anyLong(), any());
    }

    @Test
    void aFileIsImportedAndTheReportFollowsTheRedirectWithEveryRejectedLineTranslated() throws Exception {
        when(jobs.bulkCsv(eq(ana().id()), any())).thenReturn(RESULT);
        MvcResult posted = mvc.perform(multipart("/jobs/bulk").file(csv("cnpj\n...")).with(signedIn(ana())).with(csrf()))
                .andExpect(redirectedUrl("/jobs/bulk/result"))
                .andExpect(flash().attributeExists("report"))
                .andReturn();

        mvc.perform(get("/jobs/bulk/result").with(signedIn(ana())).flashAttrs(posted.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Consultas agendadas: 2."), containsString("Linhas não importadas: 4."),
                        containsString("id=\"bulk-line-3\""),
                        containsString("O CNPJ tem 14 caracteres"),
                        containsString("Repete o CNPJ da linha 2."),
                        containsString("Já existe uma consulta agendada para este CNPJ (nº 9)."),
                        containsString("Os dígitos verificadores não conferem."),
                        containsString("A prioridade vai de 1 (mais baixa) a 5 (mais alta), não 9."),
                        not(containsString("must have")))));
        mvc.perform(get("/jobs/bulk/result").with(signedIn(ana()))).andExpect(redirectedUrl("/jobs/bulk"));
    }

    @Test
    void withHtmxTheReportReplacesOnlyTheResultArea() throws Exception {
        when(jobs.bulkCsv(eq(ana().id()), any())).thenReturn(RESULT);
        mvc.perform(multipart("/jobs/bulk").file(csv("cnpj\n...")).with(signedIn(ana())).with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(view().name(BulkImportController.RESULT_FRAGMENT))
                .andExpect(content().string(allOf(containsString("id=\"bulk-result\""),
                        containsString("Repete o CNPJ da linha 2."), not(containsString("<form")))));
    }

    @Test
    void pastedLinesNeedNoHeaderAndKeepTheirOwnLineNumbers() throws Exception {
        when(jobs.bulkCsv(eq(ana().id()), any()))
                .thenReturn(new BulkResult(1, List.of(rejected(3, "1234", FieldProblem.of("cnpj", CnpjProblem.LENGTH, 4)))));
        mvc.perform(multipart("/jobs/bulk").param("text", "11.222.333/0001-81\n1234").with(signedIn(ana())).with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("id=\"bulk-line-2\""),
                        not(containsString("id=\"bulk-line-3\"")))));
        ArgumentCaptor<byte[]> sent = ArgumentCaptor.forClass(byte[].class);
        verify(jobs).bulkCsv(eq(ana().id()), sent.capture());
        assertThat(new String(sent.getValue(), StandardCharsets.UTF_8)).isEqualTo("cnpj\n11.222.333/0001-81\n1234");
    }

    @Test
    void nothingToImportOrAFileTooLargeIsSaidOnTheFormAndNothingIsImported() throws Exception {
        mvc.perform(multipart("/jobs/bulk").param("text", " ").with(signedIn(ana())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Escolha um arquivo CSV ou cole os CNPJs.")));
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        mvc.perform(multipart("/jobs/bulk").file(new MockMultipartFile("file", "big.csv", "text/csv", big))
                        .with(signedIn(ana())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("O arquivo é grande demais: o limite é 4 MB.")));
        verify(jobs, never()).bulkCsv(anyLong(), any());
    }

    @Test
    void aRefusedFileIsExplainedNeverA500() throws Exception {
        when(jobs.bulkCsv(eq(ana().id()), any())).thenThrow(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                JobProblem.BULK_TOO_MANY_ROWS, "10.000"));
        mvc.perform(multipart("/jobs/bulk").file(csv("cnpj\n...")).with(signedIn(ana())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Uma importação aceita no máximo 10.000 linhas")));

        when(jobs.bulkCsv(eq(ana().id()), any())).thenThrow(Problems.badRequest(JobProblem.BULK_UNKNOWN_COLUMNS, "'cpf'"));
        mvc.perform(multipart("/jobs/bulk").file(csv("cpf\n1")).with(signedIn(ana())).with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(content().string(containsString("O cabeçalho tem colunas desconhecidas: &#39;cpf&#39;.")));
    }

    private static MockMultipartFile csv(String content) {
        return new MockMultipartFile("file", "cnpjs.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }
}

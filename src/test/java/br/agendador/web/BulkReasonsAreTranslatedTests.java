package br.agendador.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import br.agendador.jobs.BulkResult;
import br.agendador.jobs.Jobs;
import br.agendador.support.Api;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import br.agendador.support.TestJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The jobs module gives each bulk rejection a code; the bulk page says it in the viewer's
 * language ({@link BulkReasons}). This feeds the real import every kind of bad row and file, and fails
 * when one comes back untranslated in either language.
 */
@IntegrationTest
class BulkReasonsAreTranslatedTests {

    @Autowired
    Jobs jobs;
    @Autowired
    Api api;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> users = new ArrayList<>();

    /** The valid rows are scheduled for now: left behind, other tests' dispatcher passes would run them. */
    @AfterEach
    void forgetTheJobs() {
        users.forEach(user -> jdbc.sql("DELETE FROM jobs WHERE user_id = ?").param(user).update());
    }

    @Test
    void everyRejectedRowIsExplainedInBothLanguages() {
        Session ana = api.newUser();
        users.add(ana.userId());
        jobs.bulkCsv(ana.userId(), csv("cnpj\n11.444.777/0001-61\n"));
        String fresh = TestJobs.newCnpj();
        BulkResult result = jobs.bulkCsv(ana.userId(), csv("""
                cnpj,scheduledAt,priority,label,recurrence
                ,,,,
                ,,,only a label,
                """ + fresh + ",,,,\n" + fresh + """
                ,,,,
                123,,,,
                11.222.333/0001-80,,,,
                11111111111111,,,,
                12ABC34501DEAB,,,,
                11.222.333/0001-81,2020-01-01T00:00:00Z,9,,
                11.222.333/0001-81,,,,
                11.444.777/0001-61,,,,
                45.997.418/0001-53,tomorrow,high,,YEARLY
                45.723.174/0001-10,,,\"""" + "x".repeat(201) + """
                \",
                45.723.174/0001-10,,,,,extra
                """));
        List<MessageSourceResolvable> reasons = new ArrayList<>();
        result.rejected().forEach(row -> reasons.addAll(BulkReasons.ofRow(row)));
        assertThat(result.rejected()).hasSizeGreaterThanOrEqualTo(11);
        assertTranslated(reasons);
    }

    @Test
    void everyRefusedFileIsExplainedInBothLanguages() {
        Session ana = api.newUser();
        users.add(ana.userId());
        List<String> files = List.of("", "name\nx", "cnpj,cpf\n1,2", "cnpj,CNPJ\n1,2", "cnpj\n",
                "cnpj\n" + "11.222.333/0001-81\n".repeat(Jobs.MAX_BULK_ROWS + 1));
        List<MessageSourceResolvable> reasons = new ArrayList<>();
        for (String file : files) {
            ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                    () -> jobs.bulkCsv(ana.userId(), csv(file)));
            assertThat(refused).as(file.length() > 40 ? file.substring(0, 40) : file).isNotNull();
            reasons.add(BulkReasons.ofFile(refused));
        }
        assertTranslated(reasons);
    }

    private void assertTranslated(List<MessageSourceResolvable> reasons) {
        reasons.forEach(reason -> PageLanguages.assertTranslated(messages, reason));
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

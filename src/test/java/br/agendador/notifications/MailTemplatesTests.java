package br.agendador.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Recurrence;
import br.agendador.support.TestJobs;
import br.agendador.users.JobMailChoice;
import br.agendador.users.Language;
import br.agendador.users.Role;
import br.agendador.users.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail templates and their message files, without the application: every text in both
 * languages, no literal words in a template, and the formats people read.
 */
class MailTemplatesTests {

    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
    private final MailTemplates templates = new MailTemplates();

    @Test
    void everyBundleHasTheSameKeysInPortugueseAndEnglish() throws IOException {
        assertThat(MailTemplates.bundles()).contains("mail/common/messages", "mail/jobs/messages", "mail/digest/messages");
        for (String bundle : MailTemplates.bundles()) {
            Set<String> portuguese = keys(bundle + ".properties");
            Set<String> english = keys(bundle + "_en.properties");
            assertThat(english).as(bundle + "_en against the Portuguese file").isEqualTo(portuguese);
        }
    }

    @Test
    void templatesUseOnlyKeysThatExistAndNoLiteralWords() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String bundle : MailTemplates.bundles()) {
            known.addAll(keys(bundle + ".properties"));
        }
        for (Resource template : resources("classpath*:mail/**/*.html", "classpath*:mail/**/*.txt")) {
            String text = template.getContentAsString(StandardCharsets.UTF_8);
            Matcher keys = MESSAGE_KEY.matcher(text);
            while (keys.find()) {
                if (!keys.group(1).endsWith(".")) {
                    assertThat(known).as("message key in " + template.getFilename()).contains(keys.group(1));
                }
            }
            assertThat(literalWords(template.getFilename(), text)).as("literal text in " + template.getFilename())
                    .isEmpty();
        }
    }

    @Test
    void writesValuesTheBrazilianWayInTheReadersZone() {
        MailFormat pt = templates.format(user(Language.PT_BR, "America/Manaus"));
        Instant noon = Instant.parse("2026-03-10T15:00:00Z");
        assertThat(pt.dateTime(noon)).isEqualTo("10/03/2026 às 11:00");
        assertThat(pt.cnpj("11222333000181")).isEqualTo("11.222.333/0001-81");
        assertThat(pt.activity(new br.agendador.cnpj.CompanySnapshot.Activity("6201501", "Software")))
                .isEqualTo("6201-5/01 · Software");
        assertThat(pt.zipCode("01310100")).isEqualTo("01310-100");
        assertThat(pt.status(RegistrationStatus.INAPTA)).isEqualTo("Inapta");
        assertThat(pt.field("address.city")).isEqualTo("Município");
        assertThat(pt.field("somethingNew")).isEqualTo("somethingNew");
        assertThat(pt.value(null)).isEqualTo("—");

        MailFormat en = templates.format(user(Language.EN, "Europe/Lisbon"));
        assertThat(en.dateTime(noon)).isEqualTo("Mar 10, 2026 at 3:00 PM");
        assertThat(en.status(RegistrationStatus.ATIVA)).isEqualTo("Active");
    }

    @Test
    void rendersTheFinishedMailAsTextAndHtmlWithTheChanges() {
        UserAccount ana = user(Language.PT_BR, "America/Sao_Paulo");
        String cnpj = "11222333000181";
        var company = TestJobs.company(cnpj, "ACME SOFTWARE LTDA", RegistrationStatus.ATIVA,
                List.of(new FieldChange("registrationStatus", "INAPTA", "ATIVA"),
                        new FieldChange("address.city", "Campinas", "São Paulo")));
        JobDetails job = new JobDetails(42, 1, cnpj, JobStatus.SUCCEEDED, 3, "Fornecedor <A&B>", Recurrence.NONE,
                Instant.parse("2026-03-10T14:55:00Z"), Instant.parse("2026-03-10T14:00:00Z"),
                Instant.parse("2026-03-10T15:00:00Z"), Instant.parse("2026-03-10T15:00:05Z"), 1, null, company);
        Map<String, Object> variables = new HashMap<>();
        variables.put("job", job);
        variables.put("outcome", "SUCCEEDED");
        variables.put("finishedAt", job.finishedAt());
        variables.put("company", company);
        variables.put("reason", null);

        RenderedMail mail = templates.render("jobs/finished", ana, "jobs.finished.subject.CHANGED",
                List.of("11.222.333/0001-81", "ACME SOFTWARE LTDA", 2), variables);

        assertThat(mail.subject()).isEqualTo("ACME SOFTWARE LTDA (11.222.333/0001-81): 2 alterações desde a última consulta");
        assertThat(mail.text()).contains("Olá, Ana.", "10/03/2026 às 12:00", "Situação cadastral: Ativa, desde 03/11/2005",
                "6201-5/01 · Desenvolvimento de programas", "Avenida Paulista, 1000, Conjunto 101 · Bela Vista · São Paulo/SP · CEP 01310-100",
                "- Município: Campinas -> São Paulo", "Fornecedor <A&B>", "brasilapi, dados da Receita de 14/02/2026")
                .doesNotContain("[#", "[(", "??").doesNotContain("\n\n\n");
        assertThat(mail.html()).contains("<html lang=\"pt-BR\">", "ACME SOFTWARE LTDA", "Fornecedor &lt;A&amp;B&gt;",
                "Município", "Campinas", "INAPTA").doesNotContain(" th:", "xmlns:th", "??");
    }

    private static UserAccount user(Language language, String zone) {
        return new UserAccount(1, "ana@example.com", "Ana", Role.USER, ZoneId.of(zone), language, true,
                JobMailChoice.ALL, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Words outside expressions: in HTML, text between tags; in text templates, outside [(…)] and [#…]. */
    private static List<String> literalWords(String name, String text) {
        String stripped;
        if (name.endsWith(".html")) {
            stripped = text.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<[^>]*>", "\n");
        } else {
            stripped = text.replaceAll("(?s)\\[\\(.*?\\)]", "")
                    .replaceAll("\\[#[^\\]]*]", "").replaceAll("\\[/]", "");
        }
        return stripped.lines().map(String::strip).filter(line -> line.matches(".*\\p{L}.*")).toList();
    }

    private static Set<String> keys(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MailTemplatesTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static List<Resource> resources(String... patterns) throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> found = new java.util.ArrayList<>();
        for (String pattern : patterns) {
            found.addAll(List.of(resolver.getResources(pattern)));
        }
        assertThat(found).isNotEmpty();
        return found;
    }
}

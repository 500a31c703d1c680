package br.agendador.platform.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem code of every module has words in both languages, with the same arguments as the
 * English sentence API clients read: a code added without its translation, or a translation that
 * uses an argument the problem does not carry, fails here instead of showing "problem.job.x" or "{1}" to someone.
 */
class ProblemCodesAreTranslatedTests {

    private static final List<String> MESSAGE_FILES = List.of("messages.properties", "messages_en.properties");

    @Test
    void everyCodeHasTextInEveryLanguageWithTheSameArguments() throws Exception {
        List<ProblemCode> codes = allCodes();
        assertThat(codes).extracting(ProblemCode::code)
                .contains("job.priority.range", "cnpj.checkDigits", "request.unreadable")
                .doesNotHaveDuplicates();
        for (String file : MESSAGE_FILES) {
            Properties messages = load(file);
            List<String> missing = new ArrayList<>();
            List<String> invented = new ArrayList<>();
            for (ProblemCode code : codes) {
                String text = messages.getProperty(code.messageKey());
                if (text == null) {
                    missing.add(code.messageKey());
                } else if (!placeholders(code.english()).containsAll(placeholders(text))) {
                    invented.add(code.messageKey() + " = " + text);
                }
            }
            assertThat(missing).as("codes without text in %s", file).isEmpty();
            assertThat(invented).as("texts in %s using arguments the problem does not have", file).isEmpty();
        }
    }

    @Test
    void codesAreStableDottedNames() throws Exception {
        for (ProblemCode code : allCodes()) {
            assertThat(code.code()).as(code.getClass().getSimpleName()).matches("[a-z][A-Za-z0-9]*(\\.[a-zA-Z][A-Za-z0-9]*)+");
            assertThat(code.message()).as(code.code()).isNotBlank();
        }
    }

    private static List<ProblemCode> allCodes() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProblemCode.class));
        List<ProblemCode> codes = new ArrayList<>();
        Set<String> enums = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("br.agendador")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.isEnum()) {
                enums.add(type.getSimpleName());
                codes.addAll(Arrays.stream(type.getEnumConstants()).map(ProblemCode.class::cast).toList());
            }
        }
        assertThat(enums).contains("JobProblem", "CnpjProblem", "AccountProblem", "AuthProblem", "RequestProblem",
                "LookupProblem", "MailProblem", "OpenDataProblem");
        return codes;
    }

    /** Which arguments a pattern uses, by index, as MessageFormat reads it (quotes and all). */
    private static Set<Integer> placeholders(String pattern) {
        MessageFormat format = new MessageFormat(pattern);
        Set<Integer> used = new HashSet<>();
        Object[] probe = new Object[format.getFormatsByArgumentIndex().length];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = "\u0001" + i + "\u0001";
        }
        String written = format.format(probe);
        for (int i = 0; i < probe.length; i++) {
            if (written.contains("\u0001" + i + "\u0001")) {
                used.add(i);
            }
        }
        return used;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemCodesAreTranslatedTests.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}

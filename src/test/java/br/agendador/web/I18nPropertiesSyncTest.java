package br.agendador.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import br.agendador.users.Language;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.simple.AbstractSimpleMarkupHandler;
import org.attoparser.simple.SimpleMarkupParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a page shows comes from the message files, in both languages: templates hold no
 * literal text (checked with Thymeleaf's own HTML parser), every key a template names exists in
 * Portuguese and English, and both files have the same keys.
 */
class I18nPropertiesSyncTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path PORTUGUESE = Path.of("src/main/resources/messages.properties");
    private static final Path ENGLISH = Path.of("src/main/resources/messages_en.properties");

    /** Attributes people read (or hear); a literal value with letters in them is untranslated text. */
    private static final Set<String> READABLE_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label",
            "label", "aria-description");
    /** Attributes that put content into their element, so the placeholder text inside is replaced. */
    private static final Set<String> CONTENT_ATTRIBUTES = Set.of("th:text", "th:utext", "th:replace", "th:insert",
            "th:errors", "th:remove");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)[}(]");
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");

    @Test
    void templatesHoldNoLiteralText() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path template : templates()) {
            literals.addAll(literalTextIn(template));
        }
        assertThat(literals).as("text in templates that does not come from messages.properties").isEmpty();
    }

    @Test
    void everyKeyATemplateNamesExistsInBothLanguages() throws IOException {
        Properties portuguese = load(PORTUGUESE);
        Properties english = load(ENGLISH);
        Set<String> used = new TreeSet<>();
        for (Path template : templates()) {
            Matcher key = MESSAGE_KEY.matcher(Files.readString(template));
            while (key.find()) {
                used.add(key.group(1));
            }
        }
        // Keys the templates and controllers build at run time.
        for (Language language : Language.values()) {
            used.add("language." + language.tag());
        }
        for (String kind : List.of("404", "403", "4xx", "5xx")) {
            used.add("error." + kind + ".title");
            used.add("error." + kind + ".text");
        }
        assertThat(used).isNotEmpty();
        assertThat(portuguese.stringPropertyNames()).as("keys used but missing in Portuguese").containsAll(used);
        assertThat(english.stringPropertyNames()).as("keys used but missing in English").containsAll(used);
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> portuguese = new TreeSet<>(load(PORTUGUESE).stringPropertyNames());
        Set<String> english = new TreeSet<>(load(ENGLISH).stringPropertyNames());
        assertThat(difference(portuguese, english)).as("keys only in messages.properties").isEmpty();
        assertThat(difference(english, portuguese)).as("keys only in messages_en.properties").isEmpty();
    }

    /**
     * Spring formats a message with MessageFormat only when it has arguments, where a lone
     * apostrophe swallows text; without arguments a doubled one would show twice.
     */
    @Test
    void apostrophesSurviveFormatting() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : List.of(PORTUGUESE, ENGLISH)) {
            Properties messages = load(file);
            for (String key : messages.stringPropertyNames()) {
                String text = messages.getProperty(key);
                boolean formatted = ARGUMENT.matcher(text).find();
                if (formatted && text.replace("''", "").contains("'") || !formatted && text.contains("''")) {
                    wrong.add(file.getFileName() + ": " + key + "=" + text);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> html = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
            assertThat(html).isNotEmpty();
            return html;
        }
    }

    private static List<String> literalTextIn(Path template) throws IOException {
        List<String> found = new ArrayList<>();
        Deque<Map<String, String>> open = new ArrayDeque<>();
        AbstractSimpleMarkupHandler handler = new AbstractSimpleMarkupHandler() {
            @Override
            public void handleOpenElement(String name, Map<String, String> attributes, int line, int col) {
                check(name, attributes, line);
                open.push(withName(name, attributes));
            }

            @Override
            public void handleAutoOpenElement(String name, Map<String, String> attributes, int line, int col) {
                open.push(withName(name, attributes));
            }

            @Override
            public void handleStandaloneElement(String name, Map<String, String> attributes, boolean minimized,
                    int line, int col) {
                check(name, attributes, line);
            }

            @Override
            public void handleCloseElement(String name, int line, int col) {
                open.pop();
            }

            @Override
            public void handleAutoCloseElement(String name, int line, int col) {
                open.pop();
            }

            @Override
            public void handleText(char[] buffer, int offset, int len, int line, int col) {
                String text = new String(buffer, offset, len).strip();
                if (hasLetters(text) && open.stream().noneMatch(I18nPropertiesSyncTest::replacesContent)) {
                    found.add(template + ":" + line + ": text \"" + text + "\"");
                }
            }

            private void check(String name, Map<String, String> attributes, int line) {
                if (attributes == null) {
                    return;
                }
                attributes.forEach((attribute, value) -> {
                    boolean readable = READABLE_ATTRIBUTES.contains(attribute)
                            || "value".equals(attribute) && "input".equals(name)
                            && Set.of("submit", "button", "reset").contains(attributes.get("type"));
                    if (readable && hasLetters(value) && !attributes.containsKey("th:" + attribute)) {
                        found.add(template + ":" + line + ": attribute " + attribute + "=\"" + value + "\"");
                    }
                });
            }
        };
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            new SimpleMarkupParser(ParseConfiguration.htmlConfiguration()).parse(reader, handler);
        } catch (ParseException e) {
            throw new IllegalStateException(template + " is not well-formed: " + e.getMessage(), e);
        }
        return found;
    }

    private static Map<String, String> withName(String name, Map<String, String> attributes) {
        Map<String, String> element = new java.util.HashMap<>(attributes == null ? Map.of() : attributes);
        element.put(":name", name);
        return element;
    }

    /**
     * Inside these the text is not shown as written: replaced by Thymeleaf, or code. A page's
     * root {@code <html th:replace="~{layout :: page(..., ~{::content})}">} is the exception:
     * the layout takes the page's own content from inside it.
     */
    private static boolean replacesContent(Map<String, String> element) {
        String name = element.get(":name");
        return "script".equals(name) || "style".equals(name)
                || !"html".equals(name) && element.keySet().stream().anyMatch(CONTENT_ATTRIBUTES::contains);
    }

    private static boolean hasLetters(String text) {
        return text.chars().anyMatch(Character::isLetter);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> only = new TreeSet<>(left);
        only.removeAll(right);
        return only;
    }
}

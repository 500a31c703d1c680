package br.agendador.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;

import static org.assertj.core.api.Assertions.assertThat;

/** The languages the pages speak, and what it takes for a message to be said in them. */
final class PageLanguages {

    static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    static final List<Locale> ALL = List.of(PORTUGUESE, Locale.ENGLISH);

    private PageLanguages() {
    }

    /**
     * The message's own code (not a field's generic one, not the English default) has text in
     * every language, and that text uses all the arguments it was given.
     */
    static void assertTranslated(MessageSource messages, MessageSourceResolvable message) {
        String[] codes = message.getCodes();
        assertThat(codes).as("no code for: %s", message.getDefaultMessage()).isNotEmpty();
        for (Locale language : ALL) {
            String text = messages.getMessage(codes[0], message.getArguments(), null, language);
            assertThat(text).as("%s in %s (%s)", codes[0], language, message.getDefaultMessage())
                    .isNotBlank()
                    .doesNotContain("??")
                    .doesNotContainPattern("\\{\\d+}");
        }
    }
}

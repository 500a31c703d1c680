package br.agendador.platform.problem;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * A kind of problem a person's input or request can have, named by a stable code
 * ({@code job.priority.range}). API clients read the English sentence (and the code, to act on it);
 * the web pages and e-mails say it in the viewer's language from the message files, under the key
 * {@code problem.<code>}, with the same arguments. Each module lists its codes in an enum;
 * {@code ProblemCodesAreTranslatedTests} fails when one has no text in a language.
 */
public interface ProblemCode {

    /** Stable, dotted, never reworded: clients and the message files depend on it. */
    String code();

    /** The English sentence for API clients, a {@link MessageFormat} pattern over the arguments. */
    String english();

    /** The message key of its translations. */
    default String messageKey() {
        return "problem." + code();
    }

    /** The English sentence; arguments are written as they print (no digit grouping: ids and line numbers stay as they are). */
    default String message(Object... arguments) {
        return new MessageFormat(english(), Locale.ROOT).format(Problems.texts(arguments).toArray());
    }
}

package br.agendador.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which e-mails about their jobs a user wants. The daily summary has its own switch
 * ({@code dailyDigest}); a bulk import is always told as one "started" and one "finished"
 * summary, never a pair of mails per row.
 */
public enum JobMailChoice {

    /** "Started" and "finished" for every job (and both summaries of a bulk import). */
    ALL,
    /** Only a finished job that failed, was not found or found changes (and a bulk import's "finished" summary when one did). */
    FAILURES_AND_CHANGES,
    /** None: the daily summary and the app are enough. */
    NONE;

    static Optional<JobMailChoice> parse(String value) {
        String name = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(choice -> choice.name().equals(name)).findFirst();
    }
}

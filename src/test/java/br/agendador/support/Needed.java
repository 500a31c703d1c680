package br.agendador.support;

import org.junit.jupiter.api.Assumptions;

/**
 * Something a test needs from the machine (a broker, a browser). On a developer's machine without
 * it the test is skipped, saying why; under {@code CI=true}, where the CI provides everything, its
 * absence fails the run instead of quietly testing less.
 */
public final class Needed {

    private Needed() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, on CI, fails) the test unless {@code present}; {@code why} says what is missing and how to get it. */
    public static void orSkip(boolean present, String why) {
        if (!present && onCi()) {
            throw new AssertionError("CI=true, yet " + why);
        }
        Assumptions.assumeTrue(present, why);
    }
}

package br.agendador.opendata;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines an import could not read, from every file it loads at once: counted, the first
 * {@link #KEPT} kept for the report, and the import stopped once there are more than it tolerates
 * ({@code agendador.open-data.max-rejected}). Every rejection is also logged by the caller's reporter.
 */
final class RejectedLines {

    /** The report lists this many; the count goes on. */
    static final int KEPT = 1_000;

    record Line(String file, long line, String reason) {
    }

    private final int tolerated;
    private final List<Line> kept = new ArrayList<>();
    private int count;
    private int reported;

    RejectedLines(int tolerated) {
        this.tolerated = tolerated;
    }

    synchronized void reject(String file, long line, String reason) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(new Line(file, line, reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
        }
        if (count > tolerated) {
            throw new TooManyRejected(tolerated, file, line, reason);
        }
    }

    synchronized int count() {
        return count;
    }

    /** The kept lines not handed out before, to be stored. */
    synchronized List<Line> takeNew() {
        List<Line> fresh = List.copyOf(kept.subList(reported, kept.size()));
        reported = kept.size();
        return fresh;
    }

    static final class TooManyRejected extends RuntimeException {

        private final Object[] arguments;

        TooManyRejected(Object... arguments) {
            super(OpenDataProblem.TOO_MANY_REJECTED.message(arguments));
            this.arguments = arguments;
        }

        Object[] arguments() {
            return arguments.clone();
        }
    }
}

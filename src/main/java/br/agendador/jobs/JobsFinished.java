package br.agendador.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a worker recorded together ended: one event for the batch instead of one per job (kept by
 * type, so the stored event reads back without type hints). Listeners treat it as each of
 * {@link #each()}.
 */
public record JobsFinished(List<JobSucceeded> succeeded, List<JobNotFound> notFound, List<JobFailed> failed) {

    public JobsFinished {
        succeeded = List.copyOf(succeeded);
        notFound = List.copyOf(notFound);
        failed = List.copyOf(failed);
    }

    public List<JobEvent> each() {
        List<JobEvent> each = new ArrayList<>(succeeded.size() + notFound.size() + failed.size());
        each.addAll(succeeded);
        each.addAll(notFound);
        each.addAll(failed);
        return each;
    }
}

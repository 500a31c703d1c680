package br.agendador.support;

import java.util.stream.Stream;

import br.agendador.jobs.JobEvent;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobsFinished;
import br.agendador.jobs.JobsStarted;
import org.springframework.test.context.event.ApplicationEvents;

/** The runs' events a test saw, as one per job: workers announce claims and ends in batches. */
public final class RunEvents {

    private RunEvents() {
    }

    public static Stream<JobStarted> started(ApplicationEvents events) {
        return Stream.concat(events.stream(JobsStarted.class).flatMap(batch -> batch.jobs().stream()),
                events.stream(JobStarted.class));
    }

    /** Each {@link br.agendador.jobs.JobSucceeded}, {@link br.agendador.jobs.JobNotFound} or {@link br.agendador.jobs.JobFailed}. */
    public static <T extends JobEvent> Stream<T> ended(ApplicationEvents events, Class<T> type) {
        return Stream.concat(events.stream(JobsFinished.class).flatMap(batch -> batch.each().stream()), events.stream(type))
                .filter(type::isInstance).map(type::cast);
    }
}

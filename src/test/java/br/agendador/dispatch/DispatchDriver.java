package br.agendador.dispatch;

import java.util.List;

import br.agendador.jobs.queue.ClaimedJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;

/**
 * Drives the dispatcher of an integration test by hand, like db-scheduler's manual scheduler
 * (in {@code @IntegrationTest} it does not start by itself): runs due jobs, takes back expired
 * leases. Everything runs on the calling thread and is done when the call returns.
 */
public final class DispatchDriver {

    /** Passes of {@link #runUntilNothingIsDue()} before it decides the queue never empties. */
    private static final int MAX_PASSES = 1_000;

    private final ObjectProvider<Dispatcher> dispatcher;
    private final ObjectProvider<Supervisor> supervisor;

    private DispatchDriver(ObjectProvider<Dispatcher> dispatcher, ObjectProvider<Supervisor> supervisor) {
        this.dispatcher = dispatcher;
        this.supervisor = supervisor;
    }

    public static DispatchDriver of(ApplicationContext context) {
        return new DispatchDriver(context.getBeanProvider(Dispatcher.class), context.getBeanProvider(Supervisor.class));
    }

    /** One due pass: claims up to {@code concurrency} due jobs, runs and records them; returns their ids, best first. */
    public List<Long> runDueJobs() {
        return dispatcher.getObject().runDueJobs().stream().map(ClaimedJob::id).toList();
    }

    /** Due passes until one finds nothing due; returns how many jobs ran. */
    public int runUntilNothingIsDue() {
        int ran = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int claimed = runDueJobs().size();
            if (claimed == 0) {
                return ran;
            }
            ran += claimed;
        }
        throw new IllegalStateException("Jobs kept coming due after " + MAX_PASSES + " passes");
    }

    /** One recovery pass, as the scheduler role runs it; returns how many jobs were taken back. */
    public int recoverExpiredLeases() {
        return supervisor.getObject().recoverExpiredLeases();
    }

    public String workerId() {
        return dispatcher.getObject().workerId();
    }
}

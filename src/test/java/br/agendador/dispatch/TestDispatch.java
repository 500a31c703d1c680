package br.agendador.dispatch;

import java.time.Duration;
import java.util.Random;

import br.agendador.jobs.queue.JobQueue;
import br.agendador.platform.background.BackgroundWork;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatcher parts built from the test context's beans with settings of a test's own (a short
 * lease, a short lookup timeout...), beside the context's own dispatcher.
 */
final class TestDispatch {

    private final ApplicationContext context;
    private DispatchProperties settings;

    TestDispatch(ApplicationContext context) {
        this.context = context;
        this.settings = context.getBean(DispatchProperties.class);
    }

    TestDispatch settings(int concurrency, Duration lease, Duration heartbeat, Duration pollInterval,
            Duration lookupTimeout, Duration shutdownTimeout) {
        DispatchProperties s = settings;
        settings = new DispatchProperties(concurrency, s.maxRunningPerUser(), s.maxAttempts(), lease, heartbeat,
                pollInterval, lookupTimeout, s.retryDelay(), s.retryMaxDelay(), shutdownTimeout, s.poolSize(), false);
        return this;
    }

    DispatchProperties settings() {
        return settings;
    }

    DispatchMetrics metrics() {
        return context.getBean(DispatchMetrics.class);
    }

    /** The context's queue, with these settings (a shorter lease...), on the same connections. */
    JobQueue queue() {
        JobQueue.Settings shared = new JobQueue.Settings(settings.poolSize(), settings.lease(), settings.maxRunningPerUser(),
                settings.maxAttempts(), java.time.ZoneId.of("America/Sao_Paulo"));
        return context.getBean(JobQueue.class).withSettings(shared);
    }

    JobRunner runner() {
        return new JobRunner(context.getBean(CompanyLookup.class), context.getBean(JsonMapper.class),
                new Backoff(settings.retryDelay(), settings.retryMaxDelay(), new Random()), settings.maxAttempts(),
                settings.lookupTimeout(), metrics());
    }

    Dispatcher dispatcher(String workerId) {
        return new Dispatcher(workerId, settings, queue(), runner(), metrics(), context.getBean(BackgroundWork.class));
    }

    Dispatcher contextDispatcher() {
        return context.getBean(Dispatcher.class);
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}

package br.agendador.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Gives failed event publications another go, every {@code agendador.events.retry-interval}: an
 * event the broker did not confirm, a mail a listener could not write. Only FAILED ones are
 * resubmitted (the registry claims each one, so several schedulers do not run it twice); those
 * still waiting for their listener are left alone, so a backlog never snowballs. Publications a
 * crash left in flight are resubmitted at the next start
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 *
 * <p>A publication whose listener does not exist in this process (the broker publisher where no
 * broker is configured) is left for a process that has it.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class FailedPublicationRetry extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(FailedPublicationRetry.class);

    private final FailedEventPublications failed;
    private final EventsSettings settings;
    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final Map<String, Boolean> listenerHere = new ConcurrentHashMap<>();

    FailedPublicationRetry(FailedEventPublications failed, EventsSettings settings, ApplicationContext context,
            JdbcClient jdbc, BackgroundWork work) {
        // one process at a time: two resubmitting the same publication would deliver it twice
        super("event-retry", work, BackgroundWork.Options.defaults().startingAfter(settings.retryInterval())
                .afterFailure(settings.retryInterval(), settings.retryInterval()).exclusiveInCluster(settings.retryInterval()));
        this.failed = failed;
        this.settings = settings;
        this.context = context;
        this.jdbc = jdbc;
    }

    @Override
    protected Duration runOnce() {
        resubmitFailed();
        return settings.retryInterval();
    }

    void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults()
                .withBatchSize(settings.retryBatch())
                .withFilter(this::hasListenerHere));
    }

    /**
     * Listener ids name the listener method, {@code br.agendador.events.BrokerPublisher.on(...)};
     * the public API of a publication does not carry it, the registry's table does.
     */
    private boolean hasListenerHere(EventPublication publication) {
        String listener = jdbc.sql("SELECT listener_id FROM event_publication WHERE id = ?")
                .param(publication.getIdentifier()).query(String.class).optional().orElse("");
        int parameters = listener.indexOf('(');
        int method = parameters < 0 ? -1 : listener.lastIndexOf('.', parameters);
        if (method < 0) {
            return true;
        }
        return listenerHere.computeIfAbsent(listener.substring(0, method), this::isBean);
    }

    private boolean isBean(String type) {
        try {
            return context.getBeanNamesForType(ClassUtils.forName(type, context.getClassLoader())).length > 0;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

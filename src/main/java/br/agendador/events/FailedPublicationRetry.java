package br.agendador.events;

import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives failed event publications another go, every {@code agendador.events.retry-interval}: an
 * event the broker did not confirm, a mail a listener could not write. Only FAILED ones are
 * resubmitted (the registry claims each one, so several schedulers do not run it twice); those
 * still waiting for their listener are left alone, so a backlog never snowballs. Publications a
 * crash left in flight are resubmitted at the next start
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class FailedPublicationRetry {

    private static final Logger log = LoggerFactory.getLogger(FailedPublicationRetry.class);

    private final FailedEventPublications failed;
    private final EventsSettings settings;

    FailedPublicationRetry(FailedEventPublications failed, EventsSettings settings) {
        this.failed = failed;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "${agendador.events.retry-interval:30s}",
            fixedDelayString = "${agendador.events.retry-interval:30s}")
    void resubmitFailed() {
        try {
            failed.resubmit(ResubmissionOptions.defaults()
                    .withBatchSize(settings.retryBatch())
                    .withMaxInFlight(settings.retryBatch()));
        } catch (RuntimeException e) {
            // The database is away: the publications are safe in it; next round.
            log.warn("Resubmitting failed event publications failed: {}", e.toString());
        }
    }
}

package br.agendador.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param confirmTimeout how long a send waits for the broker's publisher confirm before it
 *     counts as failed (and is retried)
 * @param retryInterval how often failed event publications (any listener's: e-mails, broker
 *     sends...) are resubmitted
 * @param retryBatch publications resubmitted per round
 */
@ConfigurationProperties("agendador.events")
record EventsSettings(
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("30s") Duration retryInterval,
        @DefaultValue("200") int retryBatch) {
}

package br.agendador.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Event publications whose listeners have not all run yet (mails to write, broker messages to
 * send), read when Prometheus scrapes. Normally near zero; a climbing figure means a listener
 * keeps failing (the broker is away) or cannot keep up.
 */
@Component
class PublicationGauges {

    PublicationGauges(JdbcClient jdbc, MeterRegistry registry) {
        Gauge.builder("agendador.events.pending",
                        () -> jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                                .query(Long.class).single())
                .description("Event publications not yet completed by every listener").baseUnit("publications")
                .register(registry);
    }
}

package br.agendador.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as gauges, read when Prometheus scrapes (each an index-only count): mails waiting
 * for the SMTP server, and mails it kept refusing. A growing backlog means the server is away.
 */
@Component
class MailGauges {

    MailGauges(JdbcClient jdbc, MeterRegistry registry) {
        Gauge.builder("agendador.mail.pending", () -> count(jdbc, "PENDING"))
                .description("Mails waiting to be sent by SMTP").baseUnit("mails").register(registry);
        Gauge.builder("agendador.mail.failed", () -> count(jdbc, "FAILED"))
                .description("Mails the SMTP server kept refusing (dead letters)").baseUnit("mails").register(registry);
    }

    private static long count(JdbcClient jdbc, String delivery) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE delivery = ?").param(delivery).query(Long.class).single();
    }
}

package br.agendador.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender of every mail, {@code Name <address>}
 * @param pollInterval how often the SMTP sender looks for mails written by other processes (mails
 *     written by this one wake it at once)
 * @param batchSize mails sent over one SMTP connection
 * @param retryInitial first wait after the SMTP server was unreachable or refused a mail; doubles
 *     after each further failure...
 * @param retryMax ...up to this
 * @param maxAttempts refusals of one mail by the SMTP server after which it is given up (an
 *     unreachable server never makes a mail give up)
 * @param claimTimeout a mail taken by a sender that died is taken again after this
 * @param retention mails (and the mailbox) are kept this long
 */
@ConfigurationProperties("agendador.mail")
record MailSettings(
        @DefaultValue("Agendador CNPJ <nao-responda@agendador.local>") String from,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("10s") Duration retryInitial,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("365d") Duration retention) {

    /** {@code retryInitial} doubled {@code failures - 1} times, capped at {@code retryMax}. */
    Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = retryInitial.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 || delay.isNegative() ? retryMax : delay;
    }
}

package br.agendador.digest;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param time local time of the digest in each user's zone
 * @param checkInterval the scheduler looks at least this often (new users, changed zones), and
 *     otherwise wakes at the next user's digest time
 * @param keep how long the record of which digests went out is kept
 */
@ConfigurationProperties("agendador.digest")
record DigestSettings(
        @DefaultValue("19:00") LocalTime time,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("35d") Duration keep) {
}

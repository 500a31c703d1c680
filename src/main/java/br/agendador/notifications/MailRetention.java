package br.agendador.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Forgets mails older than {@code agendador.mail.retention}, except those still to be sent. */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class MailRetention extends BackgroundLoop {

    private static final Duration EVERY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(MailRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MailSettings settings;

    MailRetention(JdbcClient jdbc, Clock clock, MailSettings settings, BackgroundWork work) {
        super("mail-retention", work, BackgroundWork.Options.defaults().startingAfter(Duration.ofMinutes(10))
                .afterFailure(Duration.ofMinutes(1), EVERY).exclusiveInCluster(EVERY));
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    protected Duration runOnce() {
        forgetOldMails();
        return EVERY;
    }

    void forgetOldMails() {
        int deleted = jdbc.sql("DELETE FROM mail_outbox WHERE created_at < ? AND delivery <> 'PENDING'")
                .param(Timestamp.from(clock.instant().minus(settings.retention()))).update();
        if (deleted > 0) {
            log.info("Deleted {} mails older than {}", deleted, settings.retention());
        }
    }
}

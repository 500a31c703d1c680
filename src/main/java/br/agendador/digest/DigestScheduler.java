package br.agendador.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import br.agendador.platform.background.BackgroundLoop;
import br.agendador.platform.background.BackgroundWork;
import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Runs the digest passes in {@code scheduler} processes: one at start-up (the catch-up after
 * downtime), then at the next user's digest time or after {@code agendador.digest.check-interval},
 * whichever comes first. Any number of processes may run it; the database lets one write each
 * digest.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class DigestScheduler extends BackgroundLoop {

    /** Never spin, whatever the clock says. */
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private final DailyDigests digests;
    private final DigestSettings settings;
    private final Clock clock;
    private @Nullable LocalDate forgotten;

    DigestScheduler(DailyDigests digests, DigestSettings settings, Clock clock, BackgroundWork work) {
        super("daily-digest", work, BackgroundWork.Options.defaults().afterFailure(settings.checkInterval(), settings.checkInterval()));
        this.digests = digests;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected Duration runOnce() {
        DailyDigests.Pass pass = digests.runDuePass();
        forgetOldRecords();
        return untilNext(pass.nextDue());
    }

    private Duration untilNext(@Nullable Instant nextDue) {
        Duration wait = settings.checkInterval();
        if (nextDue != null) {
            Duration untilDue = Duration.between(clock.instant(), nextDue);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue;
            }
        }
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }

    private void forgetOldRecords() {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        if (!today.equals(forgotten)) {
            digests.forgetOlderThan(today.minusDays(settings.keep().toDays()));
            forgotten = today;
        }
    }
}

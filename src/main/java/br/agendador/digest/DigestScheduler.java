package br.agendador.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import br.agendador.platform.roles.ConditionalOnRole;
import br.agendador.platform.roles.Roles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the digest passes in {@code scheduler} processes: one at start-up (the catch-up after
 * downtime), then at the next user's digest time or after {@code agendador.digest.check-interval},
 * whichever comes first. Any number of processes may run it; the database lets one write each
 * digest.
 */
@Component
@ConditionalOnRole(Roles.SCHEDULER)
class DigestScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    /** Never spin, whatever the clock says. */
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private final DailyDigests digests;
    private final DigestSettings settings;
    private final Clock clock;
    private final Object monitor = new Object();
    private volatile boolean running;
    private @Nullable Thread loop;
    private @Nullable LocalDate forgotten;

    DigestScheduler(DailyDigests digests, DigestSettings settings, Clock clock) {
        this.digests = digests;
        this.settings = settings;
        this.clock = clock;
    }

    private void run() {
        while (running) {
            Duration wait = settings.checkInterval();
            try {
                DailyDigests.Pass pass = digests.runDuePass();
                wait = untilNext(pass.nextDue());
                forgetOldRecords();
            } catch (RuntimeException e) {
                // The database is away; the digests will be written late, not lost.
                log.warn("Digest pass failed: {}", e.toString());
            }
            synchronized (monitor) {
                try {
                    if (running) {
                        monitor.wait(wait.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("daily-digest").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        Thread thread = loop;
        if (thread != null) {
            try {
                if (!thread.join(Duration.ofSeconds(15))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

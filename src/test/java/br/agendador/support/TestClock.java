package br.agendador.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in integration tests: the real time until a test sets it, then a
 * fixed instant it moves by hand. Reset after every test.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public void advance(Duration duration) {
        fixed.updateAndGet(current -> (current == null ? Instant.now() : current).plus(duration));
    }

    public void reset() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant instant = fixed.get();
        return instant == null ? Instant.now() : instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}

package br.agendador.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * When to try again after a transient failure: exponential backoff with full jitter (a random
 * delay between zero and {@code base * 2^(tries-1)}, capped), so that many jobs failing together
 * do not retry together. A provider's {@code Retry-After} wins when it asks for longer.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /**
     * @param tries the tries that failed so far in this run (1 after the first failure)
     * @param retryAfter what the provider asked for, if anything
     */
    Duration delay(int tries, @Nullable Duration retryAfter) {
        Duration jittered = Duration.ofMillis(random.nextLong(ceiling(tries).toMillis() + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    /** The longest delay after {@code tries} failures: {@code min(cap, base * 2^(tries-1))}. */
    Duration ceiling(int tries) {
        int doublings = Math.max(0, tries - 1);
        // doubling stops at the cap, so no number of tries can overflow
        Duration ceiling = base;
        for (int i = 0; i < doublings && ceiling.compareTo(cap) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        return ceiling.compareTo(cap) > 0 ? cap : ceiling;
    }
}

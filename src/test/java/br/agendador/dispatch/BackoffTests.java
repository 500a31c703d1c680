package br.agendador.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Exponential backoff with full jitter and a cap; a provider's Retry-After wins when longer. */
class BackoffTests {

    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofMinutes(30);

    /** A random source that always draws its highest or its lowest value. */
    private static RandomGenerator always(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theWindowDoublesWithEachTryUpToTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, always(true));

        assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(2, null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(3, null)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(8, null)).isEqualTo(Duration.ofSeconds(1280));
        assertThat(backoff.delay(9, null)).isEqualTo(CAP);
        assertThat(backoff.delay(1_000, null)).as("no overflow however many tries").isEqualTo(CAP);
    }

    @Test
    void fullJitterMayRetryAtOnce() {
        assertThat(new Backoff(BASE, CAP, always(false)).delay(5, null)).isZero();
    }

    @Test
    void jitteredDelaysStayInsideTheWindowAndSpreadOverIt() {
        Backoff backoff = new Backoff(BASE, CAP, RandomGenerator.of("L64X128MixRandom"));
        long belowHalf = 0;
        for (int i = 0; i < 10_000; i++) {
            Duration delay = backoff.delay(3, null);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(40));
            if (delay.compareTo(Duration.ofSeconds(20)) < 0) {
                belowHalf++;
            }
        }
        assertThat(belowHalf).isBetween(4_500L, 5_500L);
    }

    @Test
    void aLongerRetryAfterWins() {
        Backoff backoff = new Backoff(BASE, CAP, always(true));

        assertThat(backoff.delay(1, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delay(1, Duration.ofSeconds(3))).as("a shorter one does not").isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(20, Duration.ofHours(2))).as("not even capped").isEqualTo(Duration.ofHours(2));
    }
}

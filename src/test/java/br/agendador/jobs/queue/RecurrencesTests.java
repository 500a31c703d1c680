package br.agendador.jobs.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import br.agendador.jobs.Recurrence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a recurring job's next occurrence is: the owner's wall clock, and no catch-up of missed runs. */
class RecurrencesTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }

    @Test
    void keepsTheLocalTimeAcrossADaylightSavingChange() {
        Instant saturday = at("2026-03-07T09:00", NEW_YORK);

        Instant sunday = Recurrence.DAILY.nextAfter(saturday, NEW_YORK, saturday);

        assertThat(sunday).isEqualTo(at("2026-03-08T09:00", NEW_YORK));
        assertThat(Duration.between(saturday, sunday)).hasHours(23);
    }

    @Test
    void weeklyAndMonthlyFollowTheCalendar() {
        Instant friday = at("2026-01-30T18:30", SAO_PAULO);

        assertThat(Recurrence.WEEKLY.nextAfter(friday, SAO_PAULO, friday))
                .isEqualTo(at("2026-02-06T18:30", SAO_PAULO));
        assertThat(Recurrence.MONTHLY.nextAfter(friday, SAO_PAULO, friday))
                .as("the 30th of a shorter month is its last day").isEqualTo(at("2026-02-28T18:30", SAO_PAULO));
    }

    @Test
    void afterDowntimeTheSeriesResumesAtItsNextFutureOccurrence() {
        Instant missedSince = at("2026-11-01T08:00", SAO_PAULO);
        Instant now = at("2026-11-25T15:00", SAO_PAULO);

        assertThat(Recurrence.DAILY.nextAfter(missedSince, SAO_PAULO, now))
                .isEqualTo(at("2026-11-26T08:00", SAO_PAULO));
    }

    @Test
    void anOccurrenceExactlyNowIsAlreadyPast() {
        Instant previous = at("2026-11-24T15:00", SAO_PAULO);
        Instant now = at("2026-11-25T15:00", SAO_PAULO);

        assertThat(Recurrence.DAILY.nextAfter(previous, SAO_PAULO, now))
                .isEqualTo(at("2026-11-26T15:00", SAO_PAULO));
    }
}

package br.agendador.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTimeTests {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final ZoneId MANAUS = ZoneId.of("America/Manaus");
    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    final DigestTime sevenPm = new DigestTime(LocalTime.of(19, 0));

    @Test
    void isDueAtSevenPmOnEachZonesWallClock() {
        LocalDate day = LocalDate.of(2026, 3, 10);
        assertThat(sevenPm.dueAt(day, SAO_PAULO)).isEqualTo(Instant.parse("2026-03-10T22:00:00Z"));
        assertThat(sevenPm.dueAt(day, MANAUS)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        assertThat(sevenPm.dueAt(day, LISBON)).isEqualTo(Instant.parse("2026-03-10T19:00:00Z"));
        // Lisbon on summer time: 19:00 is 18:00 UTC.
        assertThat(sevenPm.dueAt(LocalDate.of(2026, 3, 29), LISBON)).isEqualTo(Instant.parse("2026-03-29T18:00:00Z"));
    }

    @Test
    void theLastDueDateTurnsAtTheDigestTime() {
        Instant justBefore = Instant.parse("2026-03-10T21:59:59Z");
        Instant onTime = Instant.parse("2026-03-10T22:00:00Z");
        assertThat(sevenPm.lastDue(SAO_PAULO, justBefore)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(sevenPm.lastDue(SAO_PAULO, onTime)).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(sevenPm.nextDue(SAO_PAULO, justBefore)).isEqualTo(onTime);
        assertThat(sevenPm.nextDue(SAO_PAULO, onTime)).isEqualTo(Instant.parse("2026-03-11T22:00:00Z"));
        // Past local midnight in Lisbon, the last due digest is still the one of the day before.
        assertThat(sevenPm.lastDue(LISBON, Instant.parse("2026-03-11T00:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void aSkippedLocalTimeIsDueLaterByTheGapAndARepeatedOneAtItsFirstOccurrence() {
        DigestTime halfPastOne = new DigestTime(LocalTime.of(1, 30));
        // Lisbon springs forward at 01:00 UTC on 2026-03-29: 01:00 -> 02:00, so 01:30 never happens.
        assertThat(halfPastOne.dueAt(LocalDate.of(2026, 3, 29), LISBON)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(halfPastOne.lastDue(LISBON, Instant.parse("2026-03-29T01:29:00Z"))).isEqualTo(LocalDate.of(2026, 3, 28));
        assertThat(halfPastOne.lastDue(LISBON, Instant.parse("2026-03-29T01:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 29));
        // It falls back at 01:00 UTC on 2026-10-25: 01:30 happens at 00:30 UTC and again at 01:30 UTC.
        assertThat(halfPastOne.dueAt(LocalDate.of(2026, 10, 25), LISBON)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(halfPastOne.lastDue(LISBON, Instant.parse("2026-10-25T01:45:00Z"))).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(halfPastOne.nextDue(LISBON, Instant.parse("2026-10-25T00:45:00Z")))
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }
}

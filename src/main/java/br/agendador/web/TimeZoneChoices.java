package br.agendador.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The time zones people pick from: Brazil's first (São Paulo at the top, as most users are
 * there), then every other IANA region, each labelled with its current UTC offset.
 */
@Component
class TimeZoneChoices {

    private static final List<String> BRAZIL = List.of("America/Sao_Paulo", "America/Bahia", "America/Fortaleza",
            "America/Recife", "America/Maceio", "America/Belem", "America/Araguaina", "America/Santarem",
            "America/Noronha", "America/Manaus", "America/Cuiaba", "America/Campo_Grande", "America/Porto_Velho",
            "America/Boa_Vista", "America/Rio_Branco", "America/Eirunepe");
    private static final Set<String> REGIONS = Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic",
            "Australia", "Europe", "Indian", "Pacific");
    private static final List<String> OTHERS = Stream.concat(Stream.of("UTC"), ZoneId.getAvailableZoneIds().stream()
                    .filter(id -> id.contains("/") && REGIONS.contains(id.substring(0, id.indexOf('/'))))
                    .filter(id -> !BRAZIL.contains(id))
                    .sorted())
            .toList();

    private final Clock clock;
    private final ZoneId defaultZone;

    TimeZoneChoices(Clock clock, @Value("${agendador.digest.default-zone:America/Sao_Paulo}") ZoneId defaultZone) {
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    /** Where new accounts are, unless they say otherwise. */
    String defaultZone() {
        return defaultZone.getId();
    }

    /** Brazil's zones, plus {@code current} when it is none of the listed ones (set through the API). */
    List<Choice> brazil(String current) {
        Instant now = clock.instant();
        Stream<String> extra = BRAZIL.contains(current) || OTHERS.contains(current) || !isZone(current)
                ? Stream.empty() : Stream.of(current);
        return Stream.concat(BRAZIL.stream(), extra).map(id -> choice(id, now)).toList();
    }

    List<Choice> others() {
        Instant now = clock.instant();
        return OTHERS.stream().map(id -> choice(id, now)).toList();
    }

    private static Choice choice(String id, Instant now) {
        ZoneOffset offset = ZoneId.of(id).getRules().getOffset(now);
        String utc = offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId().replace('-', '\u2212');
        return new Choice(id, id.replace('_', ' ') + " (" + utc + ")");
    }

    private static boolean isZone(String id) {
        try {
            ZoneId.of(id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One option of the select: the IANA id sent back and what the person reads. */
    record Choice(String id, String label) {
    }
}

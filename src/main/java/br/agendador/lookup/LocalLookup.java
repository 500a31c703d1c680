package br.agendador.lookup;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.lookup.LocalRegister.Found;
import br.agendador.lookup.LocalRegister.Missing;
import br.agendador.platform.batching.GroupedCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dadosabertos} provider: the local register, when the app has one and a month is
 * loaded. A register that cannot answer (its database busy or away) is skipped like a provider
 * that failed, so the remote providers still get their turn.
 */
final class LocalLookup {

    private static final Logger log = LoggerFactory.getLogger(LocalLookup.class);

    /** At most as many as a dispatcher runs at once by default. */
    private static final int MAX_BATCH = 256;

    /** Lookups made at the same time (a bulk import's jobs) are asked of the register in one statement. */
    private final @Nullable GroupedCalls<Cnpj, LocalRegister.Answer> lookups;
    private final MeterRegistry meters;
    private final Clock clock;

    LocalLookup(@Nullable LocalRegister register, MeterRegistry meters, Clock clock) {
        this.lookups = register == null ? null : new GroupedCalls<>(MAX_BATCH, register::findAll);
        this.meters = meters;
        this.clock = clock;
    }

    Optional<CompanySnapshot> find(Cnpj cnpj) {
        if (lookups == null) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        String answer;
        Optional<CompanySnapshot> found = Optional.empty();
        try {
            LocalRegister.Answer reply = lookups.call(cnpj);
            if (reply instanceof LocalRegister.NotLoaded) {
                return Optional.empty();
            }
            if (reply instanceof Found(LocalRegister.Entry entry)) {
                found = Optional.of(DadosAbertosFormat.read(entry, clock.instant()));
                answer = "found";
            } else {
                answer = reply instanceof Missing ? "missing" : "other";
            }
        } catch (RuntimeException e) {
            log.warn("The local register could not answer for {}; asking the remote providers: {}", cnpj, e.toString());
            answer = "failed";
        }
        Timer.builder("agendador.lookup.provider.calls")
                .description("Calls to CNPJ providers by how they were answered")
                .tag("provider", LocalRegister.NAME)
                .tag("answer", answer)
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return found;
    }
}

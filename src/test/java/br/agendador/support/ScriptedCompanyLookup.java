package br.agendador.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link CompanyLookup} of integration tests: each CNPJ answers as the test scripted it (found,
 * not found, transient or permanent failure, an exception, a lookup that hangs), call after call;
 * the last answer repeats. A CNPJ with no script goes to the application's real lookup when there
 * is one, else fails permanently with "no script for ..." so that a forgotten script shows.
 * Counts every call per CNPJ.
 */
public final class ScriptedCompanyLookup implements CompanyLookup {

    /** What one call answers. */
    @FunctionalInterface
    public interface Answer {
        LookupOutcome answer(Cnpj cnpj) throws Exception;
    }

    public static final String SOURCE = "scripted";
    private static final Instant FETCHED_AT = Instant.parse("2026-11-25T12:00:00Z");

    private final ObjectProvider<CompanyLookup> lookups;
    private final Map<Cnpj, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<Cnpj, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger hanging = new AtomicInteger();
    private volatile CountDownLatch hangs = new CountDownLatch(1);

    /** @param lookups every {@code CompanyLookup} of the context, this one included */
    public ScriptedCompanyLookup(ObjectProvider<CompanyLookup> lookups) {
        this.lookups = lookups;
    }

    public static Answer found() {
        return cnpj -> new LookupOutcome.Found(company(cnpj, List.of()));
    }

    public static Answer found(CompanySnapshot snapshot) {
        return cnpj -> new LookupOutcome.Found(snapshot);
    }

    public static Answer foundWithChanges(FieldChange... changes) {
        return cnpj -> new LookupOutcome.Found(company(cnpj, List.of(changes)));
    }

    public static Answer notFound() {
        return cnpj -> new LookupOutcome.NotFound(SOURCE, "CNPJ " + cnpj.formatted() + " não encontrado.");
    }

    public static Answer transientFailure(String error) {
        return transientFailure(error, null);
    }

    public static Answer transientFailure(String error, @Nullable Duration retryAfter) {
        return cnpj -> new LookupOutcome.TransientFailure(error, retryAfter);
    }

    public static Answer permanentFailure(String error) {
        return cnpj -> new LookupOutcome.PermanentFailure(error);
    }

    public static Answer throwing(RuntimeException exception) {
        return cnpj -> {
            throw exception;
        };
    }

    /** Blocks until the calling thread is interrupted or {@link #releaseHangs()}; then finds the company. */
    public Answer hanging() {
        return cnpj -> {
            hanging.incrementAndGet();
            try {
                hangs.await();
            } finally {
                hanging.decrementAndGet();
            }
            return new LookupOutcome.Found(company(cnpj, List.of()));
        };
    }

    /** A plain active company, as providers describe one. */
    public static CompanySnapshot company(Cnpj cnpj, List<FieldChange> changes) {
        return new CompanySnapshot(cnpj.value(), "Empresa " + cnpj.value() + " Ltda", "Empresa", RegistrationStatus.ATIVA,
                LocalDate.of(2005, 11, 3), null, LocalDate.of(2005, 11, 3), "206-2 - Sociedade Empresária Limitada",
                new CompanySnapshot.Activity("6201501", "Desenvolvimento de programas de computador sob encomenda"),
                List.of(), new CompanySnapshot.Address("Rua das Flores", "100", null, "Centro", "São Paulo", "SP",
                        "01001000"),
                "1133334444", null, new BigDecimal("10000.00"), "ME", null, null,
                List.of(new CompanySnapshot.Partner("Maria Souza", "49-Sócio-Administrador", LocalDate.of(2005, 11, 3))),
                List.of(), SOURCE, LocalDate.of(2026, 10, 12), FETCHED_AT, changes);
    }

    /** Successive calls for {@code cnpj} get these answers in turn; the last one repeats. */
    public void script(Cnpj cnpj, Answer first, Answer... then) {
        Deque<Answer> answers = new ArrayDeque<>();
        answers.add(first);
        answers.addAll(List.of(then));
        scripts.put(cnpj, answers);
    }

    @Override
    public LookupOutcome lookup(Cnpj cnpj) {
        calls.computeIfAbsent(cnpj, key -> new AtomicInteger()).incrementAndGet();
        Deque<Answer> answers = scripts.get(cnpj);
        if (answers == null) {
            return unscripted(cnpj);
        }
        Answer answer;
        synchronized (answers) {
            answer = answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
        }
        try {
            return answer.answer(cnpj);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LookupOutcome.TransientFailure("interrupted", null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private LookupOutcome unscripted(Cnpj cnpj) {
        Optional<CompanyLookup> real = lookups.orderedStream().filter(lookup -> lookup != this).findFirst();
        return real.map(lookup -> lookup.lookup(cnpj))
                .orElseGet(() -> new LookupOutcome.PermanentFailure("no script for " + cnpj));
    }

    public int calls(Cnpj cnpj) {
        AtomicInteger count = calls.get(cnpj);
        return count == null ? 0 : count.get();
    }

    public Map<Cnpj, Integer> allCalls() {
        Map<Cnpj, Integer> copy = new HashMap<>();
        calls.forEach((cnpj, count) -> copy.put(cnpj, count.get()));
        return copy;
    }

    /** Lookups blocked in {@link #hanging()} right now. */
    public int hangingNow() {
        return hanging.get();
    }

    /** Lets every hanging lookup go on (they find their company). */
    public void releaseHangs() {
        hangs.countDown();
        hangs = new CountDownLatch(1);
    }

    /** Forgets scripts and counts; releases hanging lookups. */
    public void reset() {
        scripts.clear();
        calls.clear();
        releaseHangs();
    }
}

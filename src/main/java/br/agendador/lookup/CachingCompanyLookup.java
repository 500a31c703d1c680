package br.agendador.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.dispatch.CompanyLookup;
import br.agendador.dispatch.LookupOutcome;
import br.agendador.dispatch.LookupOutcome.Found;
import br.agendador.dispatch.LookupOutcome.TransientFailure;
import br.agendador.platform.batching.GroupedCalls;

/**
 * The lookup the dispatcher calls. The local copy of the Receita's dump, when one is loaded, answers
 * first (no rate limit, no third party); a CNPJ it lacks may be newer than the dump and goes on as
 * without it. Otherwise a company fetched within {@code cache-ttl} is answered from its
 * stored snapshot; otherwise one caller fetches it from the providers while the others wait for
 * that answer, whether they are in this process (they share the same call) or in another one
 * (they wait for the snapshot it stores, through a lease in the database). A fetched snapshot is
 * stored with what changed since the previous one. Only snapshots are shared across processes: when
 * a fetch ends without one (not found, every provider down), a process that was waiting asks again.
 *
 * <p>A cached snapshot is returned as it was stored, changes included: the same snapshot always
 * tells the same story, and a user whose job reuses a snapshot someone else's job fetched still
 * learns what changed in it.
 */
final class CachingCompanyLookup implements CompanyLookup {

    /** How often a process waiting for another one's fetch looks for its snapshot. */
    static final Duration POLL = Duration.ofMillis(200);
    /** Beyond the providers' timeouts: storing the snapshot, rate-limit bookkeeping. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** At most as many as a dispatcher runs at once by default. */
    private static final int STORE_BATCH = 256;

    private final ConcurrentMap<Cnpj, CompletableFuture<LookupOutcome>> inFlight = new ConcurrentHashMap<>();
    private final LocalLookup local;
    private final ProviderFallback providers;
    private final Snapshots snapshots;
    /** Snapshots read from the dump at the same time (a bulk import's jobs) are stored in one transaction. */
    private final GroupedCalls<Snapshots.Storing, CompanySnapshot> dumpStores;
    private final FetchLeases leases;
    private final Duration cacheTtl;
    private final Duration lease;
    private final Clock clock;

    CachingCompanyLookup(LocalLookup local, ProviderFallback providers, Snapshots snapshots, FetchLeases leases,
            LookupProperties properties, Clock clock) {
        this.local = local;
        this.providers = providers;
        this.snapshots = snapshots;
        this.dumpStores = new GroupedCalls<>(STORE_BATCH, snapshots::storeAll);
        this.leases = leases;
        this.cacheTtl = properties.cacheTtl();
        this.lease = properties.ordered().values().stream().filter(ProviderSettings::enabled).map(ProviderSettings::timeout)
                .reduce(Duration.ZERO, Duration::plus).plus(LEASE_MARGIN);
        this.clock = clock;
    }

    @Override
    public LookupOutcome lookup(Cnpj cnpj) {
        CompletableFuture<LookupOutcome> mine = new CompletableFuture<>();
        CompletableFuture<LookupOutcome> running = inFlight.putIfAbsent(cnpj, mine);
        if (running != null) {
            return await(running);
        }
        try {
            LookupOutcome outcome = lookupOnce(cnpj);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(cnpj, mine);
        }
    }

    private LookupOutcome lookupOnce(Cnpj cnpj) {
        Optional<CompanySnapshot> fromDump = local.find(cnpj);
        if (fromDump.isPresent()) {
            return new Found(storedOnce(fromDump.get()));
        }
        Optional<CompanySnapshot> cached = cached(cnpj);
        if (cached.isPresent()) {
            return new Found(cached.get());
        }
        String holder = ProcessHandle.current().pid() + ":" + UUID.randomUUID();
        long polls = 0;
        while (!leases.tryTake(cnpj, holder, clock.instant(), clock.instant().plus(lease))) {
            // Another process is fetching this company: its snapshot is the answer, at no cost in rate budget.
            if (++polls > lease.dividedBy(POLL)) {
                return new TransientFailure("Another process has been fetching CNPJ " + cnpj.formatted() + " for "
                        + lease.toSeconds() + " s", POLL);
            }
            if (!pause()) {
                return new TransientFailure("Interrupted while another process fetched CNPJ " + cnpj.formatted(), null);
            }
            cached = cached(cnpj);
            if (cached.isPresent()) {
                return new Found(cached.get());
            }
        }
        try {
            // It may have been stored between our first look and taking the lease.
            cached = cached(cnpj);
            if (cached.isPresent()) {
                return new Found(cached.get());
            }
            LookupOutcome outcome = providers.fetch(cnpj);
            return outcome instanceof Found(CompanySnapshot fetched) ? new Found(snapshots.store(fetched)) : outcome;
        } finally {
            leases.release(cnpj, holder);
        }
    }

    /**
     * A snapshot read from the local dump is stored unless the current one already came from the
     * same month's dump within the cache's time: the same data again is not a new fact.
     */
    private CompanySnapshot storedOnce(CompanySnapshot fromDump) {
        Instant since = clock.instant().minus(cacheTtl);
        return dumpStores.call(new Snapshots.Storing(fromDump, current -> !cacheTtl.isZero()
                && current.source().equals(fromDump.source()) && Objects.equals(current.dataAsOf(), fromDump.dataAsOf()) && !current.fetchedAt().isBefore(since)));
    }

    private Optional<CompanySnapshot> cached(Cnpj cnpj) {
        if (cacheTtl.isZero()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(cacheTtl);
        return snapshots.currentSince(cnpj, since);
    }

    private static LookupOutcome await(CompletableFuture<LookupOutcome> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

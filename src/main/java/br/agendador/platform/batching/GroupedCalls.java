package br.agendador.platform.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Calls that arrive while an earlier one is being answered are answered together, in one go of
 * {@code answer} (one statement, one transaction), as a database groups the commits that wait
 * for the same flush. A call that finds nothing running is answered at once, alone: batches form
 * only under load, and add no delay when there is none.
 *
 * <p>One batch runs at a time. The caller that takes the turn answers everything queued so far
 * (at most {@code maxBatch}), its own call included; callers answered by someone else's batch
 * return without running one.
 *
 * @param <I> what a call asks
 * @param <O> its answer
 */
public final class GroupedCalls<I, O> {

    private final Function<List<I>, List<O>> answer;
    private final int maxBatch;
    private final Queue<Call<I, O>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * @param answer answers a batch of calls: one answer per call, in the same order; an exception
     *        fails every call of the batch with it
     */
    public GroupedCalls(int maxBatch, Function<List<I>, List<O>> answer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.answer = answer;
    }

    /** The answer to {@code input}; rethrows what {@code answer} threw for its batch. */
    public O call(I input) {
        Call<I, O> call = new Call<>(input, new CompletableFuture<>());
        waiting.add(call);
        while (!call.result().isDone()) {
            turn.lock();
            try {
                if (!call.result().isDone()) {
                    answer(next());
                }
            } finally {
                turn.unlock();
            }
        }
        try {
            return call.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Calls waiting for their turn (those of the batch being answered no longer count). */
    int waiting() {
        return waiting.size();
    }

    private List<Call<I, O>> next() {
        List<Call<I, O>> batch = new ArrayList<>();
        Call<I, O> call;
        while (batch.size() < maxBatch && (call = waiting.poll()) != null) {
            batch.add(call);
        }
        return batch;
    }

    private void answer(List<Call<I, O>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<O> answers = answer.apply(batch.stream().map(Call::input).toList());
            if (answers.size() != batch.size()) {
                throw new IllegalStateException(answers.size() + " answers to " + batch.size() + " calls");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(answers.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(call -> call.result().completeExceptionally(e));
        }
    }

    private record Call<I, O>(I input, CompletableFuture<O> result) {
    }
}

package br.agendador.platform.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupedCallsTests {

    @Test
    void aCallAloneIsAnsweredAloneAndAtOnce() {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupedCalls<Integer, String> calls = new GroupedCalls<>(10, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> "#" + i).toList();
        });

        assertThat(calls.call(1)).isEqualTo("#1");
        assertThat(calls.call(2)).isEqualTo("#2");
        assertThat(batches).containsExactly(List.of(1), List.of(2));
    }

    /** While one batch is answered, the calls that arrive wait and are answered together, each with its own answer. */
    @Test
    void callsMadeWhileABatchRunsAreAnsweredTogether() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupedCalls<Integer, String> calls = new GroupedCalls<>(3, batch -> {
            batches.add(batch);
            if (batch.contains(0)) {
                firstStarted.countDown();
                await(release);
            }
            return batch.stream().map(i -> "#" + i).toList();
        });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = threads.submit(() -> calls.call(0));
            firstStarted.await(10, TimeUnit.SECONDS);
            List<Future<String>> later = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int input = i;
                later.add(threads.submit(() -> calls.call(input)));
            }
            while (calls.waiting() < 5) {
                Thread.onSpinWait();
            }
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("#0");
            for (int i = 1; i <= 5; i++) {
                assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("#" + i);
            }
        }
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).as("at most maxBatch at a time").hasSize(3);
        assertThat(batches.get(2)).hasSize(2);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aFailedBatchFailsEachOfItsCallsAndNotTheNext() {
        GroupedCalls<Integer, String> calls = new GroupedCalls<>(10, batch -> {
            if (batch.contains(13)) {
                throw new IllegalStateException("unlucky");
            }
            return batch.stream().map(i -> "#" + i).toList();
        });

        assertThatThrownBy(() -> calls.call(13)).isInstanceOf(IllegalStateException.class).hasMessage("unlucky");
        assertThat(calls.call(14)).isEqualTo("#14");
    }

    @Test
    void aWrongNumberOfAnswersIsAnError() {
        GroupedCalls<Integer, String> calls = new GroupedCalls<>(10, batch -> List.of());

        assertThatThrownBy(() -> calls.call(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("0 answers to 1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.partnersettlement.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.partnersettlement.pipeline.OrderedPipeline.Limits;
import io.partnersettlement.pipeline.OrderedPipeline.Step;

/** A hang is a failure: a pipeline that loses an input's end never hands out the next step. */
@Timeout(60)
class OrderedPipelineTest {

    private static final AtomicInteger PIPELINES = new AtomicInteger();

    @Test
    void resultsComeInInputOrderWhicheverWorkerFinishesFirst() throws Exception {
        List<Integer> inputs = IntStream.range(0, 40).boxed().toList();
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        String name = name();
        List<String> steps = new ArrayList<>();
        try (OrderedPipeline<Integer, String> pipeline = OrderedPipeline.start(name, inputs, new Limits(4, 4, 3),
                () -> (input, out) -> {
                    for (int k = 0; k < 3; k++) {
                        // the earlier of four neighbours is the slower: later inputs finish first
                        Thread.sleep((3 - input % 4) * 4L + ThreadLocalRandom.current().nextInt(3));
                        out.put(input + "." + k);
                    }
                    finished.add(input);
                })) {
            Step<Integer, String> step;
            while ((step = pipeline.next()) != null) {
                steps.add(describe(step));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int input : inputs) {
            expected.addAll(List.of("begin " + input, input + ".0", input + ".1", input + ".2", "end " + input));
        }
        assertThat(steps).isEqualTo(expected);
        // the workers did finish out of order
        assertThat(finished).containsExactlyInAnyOrderElementsOf(inputs).isNotEqualTo(inputs);
        assertThat(live(name)).isEmpty();
    }

    @Test
    void neverMoreResultsWaitingThanTheWindowAndDepthAllowNorMoreTasksThanWorkers() throws Exception {
        // 3 workers; 2 inputs may hand results over, 2 each: at most 4 results wait for the consumer
        int bound = 2 * 2;
        AtomicInteger handedOver = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        String name = name();
        List<Integer> inputs = IntStream.range(0, 6).boxed().toList();
        try (OrderedPipeline<Integer, Integer> pipeline = OrderedPipeline.start(name, inputs, new Limits(3, 2, 2),
                () -> (input, out) -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    for (int k = 0; k < 50; k++) {
                        out.put(input * 100 + k);
                        handedOver.incrementAndGet();
                    }
                    running.decrementAndGet();
                })) {
            // nobody takes anything yet: the workers stop at the bound, and stay there
            await(() -> handedOver.get() == bound);
            Thread.sleep(300);
            assertThat(handedOver.get()).isEqualTo(bound);
            assertThat(live(name)).hasSize(3);

            int taken = 0;
            int mostWaiting = 0;
            List<Integer> results = new ArrayList<>();
            Step<Integer, Integer> step;
            while ((step = pipeline.next()) != null) {
                if (step instanceof Step.Result<Integer, Integer> result) {
                    taken++;
                    results.add(result.value());
                    // measured on the consumer's thread, after the take: what was put and not taken yet
                    mostWaiting = Math.max(mostWaiting, handedOver.get() - taken);
                }
            }
            assertThat(mostWaiting).isBetween(1, bound);
            assertThat(results).hasSize(6 * 50).isSorted();
        }
        assertThat(mostRunning.get()).isBetween(1, 3);
    }

    @Test
    void aFailedTaskIsThrownToTheConsumerInItsPlaceAndNoInputStartsAfterIt() throws Exception {
        IllegalStateException failure = new IllegalStateException("input 3 failed");
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        String name = name();
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        List<String> results = new ArrayList<>();
        try (OrderedPipeline<Integer, String> pipeline = OrderedPipeline.start(name, inputs, new Limits(2, 20, 10),
                () -> (input, out) -> {
                    started.add(input);
                    out.put(input + ".0");
                    if (input == 3) {
                        throw failure;
                    }
                    Thread.sleep(20);
                    out.put(input + ".1");
                })) {
            assertThatThrownBy(() -> drain(pipeline, results)).isSameAs(failure);
            // what came before the failure, in order; then the failure again on every call
            assertThat(results).containsExactly("0.0", "0.1", "1.0", "1.1", "2.0", "2.1", "3.0");
            assertThatThrownBy(pipeline::next).isSameAs(failure);
            // the failure stopped the workers: of 20 inputs (20 ms each), none started past the one running beside input 3
            Thread.sleep(200);
            assertThat(started).allSatisfy(input -> assertThat(input).isLessThanOrEqualTo(3 + 2));
        }
        assertThat(live(name)).isEmpty();
    }

    @Test
    void theInputsBeforeAFailedOneAreRunEvenWhenTheirWorkerReachesThemAfterTheFailure() throws Exception {
        IllegalStateException failure = new IllegalStateException("input 3 failed");
        CountDownLatch failed = new CountDownLatch(1);
        List<String> results = new ArrayList<>();
        // worker 1 runs inputs 0, 2, 4; worker 2 runs 1, 3, 5: input 3 fails while worker 1 is still on input 0
        try (OrderedPipeline<Integer, String> pipeline = OrderedPipeline.start(name(), IntStream.range(0, 6).boxed().toList(),
                new Limits(2, 6, 1), () -> (input, out) -> {
                    if (input == 0) {
                        failed.await();
                    }
                    if (input == 3) {
                        failed.countDown();
                        throw failure;
                    }
                    out.put("r" + input);
                })) {
            assertThatThrownBy(() -> drain(pipeline, results)).isSameAs(failure);
        }
        assertThat(results).containsExactly("r0", "r1", "r2");
    }

    @Test
    void aCheckedExceptionReachesTheConsumerAsTheCauseOfACompletionException() throws Exception {
        IOException failure = new IOException("unreadable");
        try (OrderedPipeline<String, String> pipeline = OrderedPipeline.start(name(), List.of("a"), new Limits(1, 1, 1),
                () -> (input, out) -> {
                    throw failure;
                })) {
            assertThat(describe(pipeline.next())).isEqualTo("begin a");
            assertThatThrownBy(pipeline::next).isInstanceOf(CompletionException.class).hasCause(failure);
        }
    }

    @Test
    void closeMidStreamStopsEveryWorkerAndCancelsAConsumerWaitingOnAnotherThread() throws Exception {
        String name = name();
        CountDownLatch never = new CountDownLatch(1);
        OrderedPipeline<Integer, Integer> pipeline = OrderedPipeline.start(name, IntStream.range(0, 10).boxed().toList(),
                new Limits(3, 2, 1), () -> (input, out) -> {
                    if (input == 0) {
                        // a task waiting on something else than the pipeline
                        never.await();
                    }
                    for (int k = 0; ; k++) {
                        out.put(k);
                    }
                });
        await(() -> live(name).size() == 3);
        CompletableFuture<Throwable> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                pipeline.next(); // the begin of input 0
                pipeline.next(); // waits: input 0's task never puts
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(100);
        assertThat(consumer).isNotDone();
        pipeline.close();
        assertThat(live(name)).isEmpty();
        assertThat(consumer.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(pipeline::next).isInstanceOf(CancellationException.class);
    }

    @Test
    void closeWhileTheConsumerTakesResultsLeavesNoThread() throws Exception {
        String name = name();
        OrderedPipeline<Integer, Integer> pipeline = OrderedPipeline.start(name, IntStream.range(0, 10).boxed().toList(),
                new Limits(3, 3, 2), () -> (input, out) -> {
                    for (int k = 0; k < 1_000_000; k++) {
                        out.put(k);
                    }
                });
        int taken = 0;
        while (taken < 1_000) {
            if (pipeline.next() instanceof Step.Result<Integer, Integer>) {
                taken++;
            }
        }
        assertThat(live(name)).hasSize(3);
        pipeline.close();
        assertThat(live(name)).isEmpty();
    }

    @Test
    void anEmptyListEndsAtOnceWithoutAThread() throws Exception {
        String name = name();
        try (OrderedPipeline<String, String> pipeline = OrderedPipeline.start(name, List.of(), new Limits(4, 2, 1),
                () -> (input, out) -> out.put(input))) {
            assertThat(live(name)).isEmpty();
            assertThat(pipeline.next()).isNull();
            assertThat(pipeline.next()).isNull();
        }
    }

    @Test
    void aSingleInputWithASingleResult() throws Exception {
        String name = name();
        try (OrderedPipeline<String, String> pipeline = OrderedPipeline.start(name, List.of("a"), new Limits(4, 2, 1),
                () -> (input, out) -> out.put(input.toUpperCase()))) {
            assertThat(describe(pipeline.next())).isEqualTo("begin a");
            assertThat(pipeline.next()).isEqualTo(new Step.Result<>("a", "A"));
            assertThat(describe(pipeline.next())).isEqualTo("end a");
            assertThat(pipeline.next()).isNull();
            assertThat(pipeline.next()).isNull();
            // one input: one worker
            assertThat(live(name)).hasSize(1);
        }
        assertThat(live(name)).isEmpty();
    }

    @Test
    void eachWorkerKeepsItsOwnTaskFromInputToInput() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (OrderedPipeline<Integer, Integer> pipeline = OrderedPipeline.start(name(),
                IntStream.range(0, 30).boxed().toList(), new Limits(3, 30, 1), () -> {
                    made.incrementAndGet();
                    int[] runs = {0};
                    return (input, out) -> out.put(++runs[0]);
                })) {
            List<Integer> runs = new ArrayList<>();
            drain(pipeline, runs);
            // three workers of 10 inputs each: each task counts its own runs, 1 to 10
            assertThat(runs).hasSize(30).allSatisfy(run -> assertThat(run).isBetween(1, 10));
        }
        assertThat(made.get()).isEqualTo(3);
    }

    /** Takes every step to the end, the results into {@code results}. */
    private static <I, O> void drain(OrderedPipeline<I, O> pipeline, List<O> results) throws InterruptedException {
        Step<I, O> step;
        while ((step = pipeline.next()) != null) {
            if (step instanceof Step.Result<I, O> result) {
                results.add(result.value());
            }
        }
    }

    private static String name() {
        return "ordered-pipeline-test-" + PIPELINES.incrementAndGet();
    }

    private static String describe(Step<?, ?> step) {
        if (step instanceof Step.Begin<?, ?> begin) {
            return "begin " + begin.input();
        }
        if (step instanceof Step.End<?, ?> end) {
            return "end " + end.input();
        }
        return String.valueOf(((Step.Result<?, ?>) step).value());
    }

    /** The live threads of the pipeline named {@code name}. */
    private static List<String> live(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(name + "-")).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}

package io.partnersettlement.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task over each input of a list on a few worker threads and hands out what the tasks put, strictly in the
 * list's order: every result of an input before any of the next one, each input's results in the order its task put
 * them, whichever worker finished first. Of {@code n} workers, worker {@code k} runs the task over inputs {@code k},
 * {@code k + n}, {@code k + 2n}... in turn, so which worker runs which input does not depend on timing.
 *
 * <p>Memory is bounded: only the input being taken and the ones just after it (the {@link Limits#window window}) may
 * hand results over, each at most {@link Limits#depth depth} of them not yet taken; a task putting more waits until the
 * consumer takes one. A task that fails stops the workers from starting inputs after its own, and its exception is
 * thrown to the consumer, as it was thrown, in the failed input's place: the results of the inputs before it are handed
 * out first.
 * {@link #close()} stops every worker (interrupting tasks that wait or block) and waits for them.
 *
 * <p>One thread consumes ({@link #next()}); the workers are daemon threads named {@code <name>-1}, {@code <name>-2}...
 *
 * @param <I> an input
 * @param <O> a result
 */
public final class OrderedPipeline<I, O> implements AutoCloseable {

    /** The work done for one input: puts its results, in order. One task object per worker, used for input after input. */
    @FunctionalInterface
    public interface Task<I, O> {
        void run(I input, Output<O> out) throws Exception;
    }

    /** Where a task puts its results. */
    @FunctionalInterface
    public interface Output<O> {
        /** Hands {@code result} over, waiting while its input already has as many results waiting as it may. */
        void put(O result) throws InterruptedException;
    }

    /**
     * @param workers threads running tasks
     * @param window  inputs that may hand results over: the one being taken and the {@code window - 1} after it
     * @param depth   results of one input that may wait to be taken
     */
    public record Limits(int workers, int window, int depth) {
        public Limits {
            if (workers < 1 || window < 1 || depth < 1) {
                throw new IllegalArgumentException("workers, window and depth must be 1 or more: " + this);
            }
        }
    }

    /** What the consumer is handed, input by input: its start, its results, its end. */
    public sealed interface Step<I, O> {

        I input();

        record Begin<I, O>(I input) implements Step<I, O> {
        }

        record Result<I, O>(I input, O value) implements Step<I, O> {
        }

        record End<I, O>(I input) implements Step<I, O> {
        }
    }

    /** What a worker hands over for an input, in the input's own queue. */
    private sealed interface Message<O> {
    }

    private record Item<O>(O value) implements Message<O> {
    }

    private record Done<O>() implements Message<O> {
    }

    private record Failed<O>(Throwable failure) implements Message<O> {
    }

    /** One input's results waiting to be taken, and the room it has left for more. */
    private record Lane<O>(BlockingQueue<Message<O>> queue, Semaphore room) {
    }

    private static final Logger log = LoggerFactory.getLogger(OrderedPipeline.class);

    private final List<I> inputs;
    private final List<Lane<O>> lanes;
    private final Limits limits;
    /** The first input whose task failed: no worker starts an input after it. */
    private final AtomicInteger failedAt = new AtomicInteger(Integer.MAX_VALUE);
    /** Set on close: no worker starts another input. */
    private volatile boolean closed;
    private final ExecutorService workers;
    /** The workers' threads, joined on close: a pool that has terminated may still have threads on their way out. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** The input being taken; then the consumer's own state: whether its start was handed out, the failure thrown. */
    private int current;
    private boolean begun;
    private Throwable failure;

    private OrderedPipeline(String name, List<I> inputs, Limits limits, Supplier<? extends Task<I, O>> tasks) {
        this.inputs = List.copyOf(inputs);
        this.limits = limits;
        this.lanes = new ArrayList<>(this.inputs.size());
        for (int i = 0; i < this.inputs.size(); i++) {
            lanes.add(new Lane<>(new LinkedBlockingQueue<>(), new Semaphore(i < limits.window() ? limits.depth() : 0)));
        }
        int count = Math.min(limits.workers(), this.inputs.size());
        if (count == 0) {
            workers = null;
            return;
        }
        workers = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + (threads.size() + 1));
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        for (int k = 0; k < count; k++) {
            Task<I, O> task = tasks.get();
            int first = k;
            workers.execute(() -> work(task, first, count));
        }
    }

    /**
     * Starts the workers over {@code inputs}.
     *
     * @param name  the workers' name
     * @param tasks makes each worker's task
     */
    public static <I, O> OrderedPipeline<I, O> start(String name, List<I> inputs, Limits limits,
            Supplier<? extends Task<I, O>> tasks) {
        return new OrderedPipeline<>(name, inputs, limits, tasks);
    }

    /** A worker: runs the task over inputs {@code first}, {@code first + step}... to the end, a failure or close. */
    private void work(Task<I, O> task, int first, int step) {
        for (int index = first; index < inputs.size() && index < failedAt.get() && !closed; index += step) {
            Lane<O> lane = lanes.get(index);
            try {
                task.run(inputs.get(index), result -> {
                    lane.room().acquire();
                    lane.queue().add(new Item<>(result));
                });
                lane.queue().add(new Done<>());
            } catch (Throwable e) {
                // on close too (an interrupted wait): after close the consumer is handed the cancellation first
                failedAt.accumulateAndGet(index, Math::min);
                lane.queue().add(new Failed<>(e));
                return;
            }
        }
    }

    /**
     * The next step in input order, waiting for it: the {@link Step.Begin} of an input, its {@link Step.Result}s, its
     * {@link Step.End}; {@code null} after the last input's end. A failed task's runtime exception or error is thrown
     * here as it was thrown (a checked one wrapped in a {@link CompletionException}), and again on every later call;
     * after {@link #close()}, a {@link CancellationException}.
     */
    public Step<I, O> next() throws InterruptedException {
        if (failure != null) {
            throw rethrown(failure);
        }
        if (current == inputs.size()) {
            return null;
        }
        I input = inputs.get(current);
        if (!begun) {
            begun = true;
            return new Step.Begin<>(input);
        }
        Lane<O> lane = lanes.get(current);
        Message<O> message = lane.queue().take();
        if (message instanceof Item<O> item) {
            lane.room().release();
            return new Step.Result<>(input, item.value());
        }
        if (message instanceof Failed<O> failed) {
            failure = failed.failure();
            throw rethrown(failure);
        }
        // the input is done: the one the window reaches now may hand results over
        int opened = current + limits.window();
        if (opened < inputs.size()) {
            lanes.get(opened).room().release(limits.depth());
        }
        current++;
        begun = false;
        return new Step.End<>(input);
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new CompletionException(failure);
    }

    /**
     * Stops the workers, interrupting their tasks, and waits for them; the consumer, even one waiting in
     * {@link #next()}, is then handed a {@link CancellationException} after what was already put.
     */
    @Override
    public void close() {
        closed = true;
        for (Lane<O> lane : lanes) {
            lane.queue().add(new Failed<>(new CancellationException("the pipeline was closed")));
        }
        if (workers == null) {
            return;
        }
        workers.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    log.warn("{} did not stop within 10 s of being interrupted", thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

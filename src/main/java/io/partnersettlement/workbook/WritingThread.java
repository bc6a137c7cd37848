package io.partnersettlement.workbook;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A second thread that writes workbook content while the caller reads the next rows from the database, on its own
 * connection and transaction (a dry run's rows are visible to that transaction alone). Tasks run one at a time, in
 * order; the caller hands over the next one only when the previous one is done, so at most two batches of rows are held
 * in memory. A task's failure is thrown to the caller.
 */
public final class WritingThread implements AutoCloseable {

    private final ExecutorService executor;
    private Future<?> running;

    public WritingThread(String name) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits for the previous task, then starts {@code task}. */
    public void submit(Runnable task) {
        await();
        running = executor.submit(task);
    }

    /** Waits for the last task handed over, if any. */
    public void await() {
        if (running == null) {
            return;
        }
        Future<?> task = running;
        running = null;
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a workbook was written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a workbook could not be written", e.getCause());
        }
    }

    /** Stops the thread; a task still running (the caller failed) is let finish before the workbook is closed. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

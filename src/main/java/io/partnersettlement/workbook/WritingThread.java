package io.partnersettlement.workbook;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.partnersettlement.fault.Futures;

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
        Futures.join(task, "writing a workbook");
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

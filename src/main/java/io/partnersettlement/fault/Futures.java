package io.partnersettlement.fault;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, its failure thrown to the waiting thread as if it had failed there. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code task}, once done; its runtime exception or error is rethrown as it is, a checked exception
     * wrapped in an {@link IllegalStateException} that says {@code what} could not be done.
     */
    public static <T> T join(Future<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting: " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("failed: " + what, e.getCause());
        }
    }
}

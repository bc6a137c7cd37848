package io.partnersettlement.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.partnersettlement.ingest.ParseOnly;

/** (a) The CPU limit: every line read and validated by the engine's own parser, nothing stored. */
final class ParseOnlyPass {

    private ParseOnlyPass() {
    }

    /** The files parsed side by side on {@code threads} threads, one file each at a time: the CPU limit of the machine. */
    static long parseParallel(List<Path> files, int threads) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Long>> counts = new java.util.ArrayList<>();
            for (Path file : files) {
                counts.add(pool.submit(() -> ParseOnly.acceptedRecords(file, "CNY")));
            }
            long accepted = 0;
            for (java.util.concurrent.Future<Long> count : counts) {
                accepted += count.get();
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    static long parse(List<Path> files) throws IOException {
        long accepted = 0;
        for (Path file : files) {
            accepted += ParseOnly.acceptedRecords(file, "CNY");
        }
        return accepted;
    }
}

package io.partnersettlement.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.partnersettlement.ingest.ParseOnly;

/** (a) The CPU limit: every line read and validated by the engine's own parser, nothing stored. */
final class ParseOnlyPass {

    private ParseOnlyPass() {
    }

    /** The files parsed side by side on {@code threads} threads, one file each at a time: the CPU limit of the machine. */
    static long parseParallel(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (Path file : files) {
                counts.add(pool.submit(() -> ParseOnly.acceptedRecords(file, "CNY")));
            }
            long accepted = 0;
            for (Future<Long> count : counts) {
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

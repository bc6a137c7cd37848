package io.partnersettlement.ingest;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodic progress lines while a long ingest runs: lines read and rate. */
final class IngestProgress {

    private static final Logger log = LoggerFactory.getLogger(IngestProgress.class);
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long started = System.nanoTime();
    private long lastReport = started;
    private long lines;
    private String file = "";

    void fileStarted(String name) {
        file = name;
        log.info("ingesting inbox/{}", name);
    }

    void lineRead() {
        lines++;
        if ((lines & 0x3FF) == 0) {
            long now = System.nanoTime();
            if (now - lastReport >= EVERY_NANOS) {
                lastReport = now;
                double seconds = (now - started) / 1e9;
                log.info("ingest: {} lines read ({} lines/s), now in {}", String.format("%,d", lines),
                        String.format("%,.0f", lines / seconds), file);
            }
        }
    }

    long lines() {
        return lines;
    }
}

package io.partnersettlement.ingest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long ingest, told by the thread that takes the parsed blocks in file order: on a terminal a live bar (share of the inbox read, lines, rate, time left); otherwise (the
 * scheduler's log) a plain line every 10 seconds with the same figures.
 */
final class IngestProgress {

    private static final Logger log = LoggerFactory.getLogger(IngestProgress.class);
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastReport = started;
    private long lines;
    private long finishedBytes;
    private long currentBytes;
    private long currentSize;
    private String file = "";
    private ProgressBar bar;

    IngestProgress(long totalBytes) {
        this.totalBytes = Math.max(1, totalBytes);
        if (System.console() != null && totalBytes > 0) {
            bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(this.totalBytes / 1024 + 1).setUnit(" MiB", 1024)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build();
        }
    }

    void fileStarted(String name, long size) {
        finishedBytes += currentSize;
        currentBytes = 0;
        file = name;
        currentSize = size;
        log.info("ingesting inbox/{}", name);
    }

    /** {@code count} more lines read, {@code bytesRead} bytes of the current file so far. */
    void linesRead(int count, long bytesRead) {
        lines += count;
        currentBytes = bytesRead;
        long done = finishedBytes + currentBytes;
        if (bar != null) {
            bar.stepTo(done / 1024);
            bar.setExtraMessage(String.format(" %,d lines", lines));
            return;
        }
        long now = System.nanoTime();
        if (now - lastReport >= EVERY_NANOS) {
            lastReport = now;
            double seconds = (now - started) / 1e9;
            double share = Math.min(1.0, (double) done / totalBytes);
            long left = share > 0 ? Math.round(seconds / share - seconds) : 0;
            log.info("ingest: {} lines ({} lines/s), {}% of the inbox read, about {} left, now in {}",
                    String.format("%,d", lines), String.format("%,.0f", lines / seconds), Math.round(share * 100),
                    Duration.ofSeconds(left).toString().substring(2).toLowerCase(), file);
        }
    }

    void finished() {
        if (bar != null) {
            bar.stepTo(totalBytes / 1024 + 1);
            bar.close();
            bar = null;
        }
    }
}

package io.partnersettlement.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/** Placeholder, replaced below. */
public final class Bench {
    public Bench(Path workspace, long records, long yardstickRecords, String databaseUrl) {
    }

    public int run(PrintStream out) {
        return 0;
    }
}

package io.partnersettlement.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The folders of a workspace (SPEC section 2). */
public record Workspace(Path root) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    public Path reference() { return root.resolve("reference"); }
    public Path inbox() { return root.resolve("inbox"); }
    public Path archive() { return root.resolve("archive"); }
    public Path rejects() { return root.resolve("rejects"); }
    public Path out() { return root.resolve("out"); }
    public Path db() { return root.resolve("db"); }

    public Path periodOut(String period) { return out().resolve(period); }

    /** Creates the folders the engine writes to; reference/ and inbox/ are the operator's. */
    public Workspace ensureFolders() {
        try {
            for (Path p : new Path[] {inbox(), archive(), rejects(), out(), db()}) {
                Files.createDirectories(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workspace folders under " + root, e);
        }
    }

    /** Deletes a folder and everything in it (the demo's and the bench's throw-away workspaces); absent is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Settings of the embedded database. WRITE_DELAY=0 commits to disk at each commit: a killed run keeps exactly what
     * it had committed. PAGE_SIZE=65536 lets the storage's B-tree pages grow to 64 KiB before they split (4 KiB by
     * default): the ledger is written in long sorted runs and read in key ranges, and larger pages make both cheaper
     * (the nightly job's performance refresh, which reads every row of its periods, measured about a quarter faster).
     */
    private static final String SETTINGS = ";AUTO_SERVER=TRUE;WRITE_DELAY=0;PAGE_SIZE=65536";

    /** The default embedded database: an H2 file database inside the workspace. */
    public String h2Url() {
        return "jdbc:h2:file:" + db().resolve("settlement") + SETTINGS;
    }

    /**
     * The same database for a process whose threads may be interrupted during I/O — the scheduler's are, when it
     * pauses or stops: H2's retry: file system reopens the file where the plain one would close the database. It costs
     * throughput (about half, measured), so only the scheduler uses it.
     */
    public String h2UrlSafeFromInterrupts() {
        return "jdbc:h2:retry:" + db().resolve("settlement") + SETTINGS;
    }
}

package io.partnersettlement.sampledata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the demo workspace ({@code sample-data/}) and benchmark workspaces: reference data (SPEC section 3) and
 * consumption files (SPEC section 4), deterministic for a fixed seed so the committed sample can always be regenerated
 * byte for byte. Plain Java on purpose: it runs without the application context.
 */
public final class SampleWorkspaceGenerator {

    /** The one seed of the sample: change it and every file (and the README) changes. */
    static final long SEED = 20_260_901L;
    private static final List<String> FOLDERS = List.of("reference", "inbox", "archive", "rejects", "out");
    private static final List<String> EMPTY_FOLDERS = List.of("archive", "rejects", "out");

    private SampleWorkspaceGenerator() {
    }

    /** Writes reference/*.csv and inbox/*.csv for the demo workspace: realistic, deterministic (fixed seed). */
    public static void writeSampleWorkspace(Path workspace) throws IOException {
        createFolders(workspace);
        for (String folder : EMPTY_FOLDERS) {
            Files.writeString(workspace.resolve(folder).resolve(".gitkeep"), "");
        }
        SampleReference reference = SampleReference.build(SEED);
        reference.writeTo(workspace.resolve("reference"));
        SampleInbox inbox = SampleInbox.build(new SampleConsumption(reference, SEED + 1));
        inbox.writeTo(workspace.resolve("inbox"));
        Files.writeString(workspace.resolve("README.md"), SampleReadme.render(reference, inbox));
    }

    /**
     * Bench: same reference data, plus {@code records} valid consumption records spread over periods 2026-09 and
     * 2026-10, written as plain CSV files of at most 250,000 records each ({@code consumption-bench-0001.csv}, ...)
     * into workspace/inbox (current column names only), deterministic for a given count.
     *
     * @return the files written, in name order
     */
    public static List<Path> writeBenchWorkspace(Path workspace, long records) throws IOException {
        return writeBenchWorkspace(workspace, records, 2);
    }

    /**
     * Bench: as {@link #writeBenchWorkspace(Path, long)}, with the bill dates spread over 2026-09 alone
     * ({@code periods} 1) or over 2026-09 and 2026-10 ({@code periods} 2).
     */
    public static List<Path> writeBenchWorkspace(Path workspace, long records, int periods) throws IOException {
        createFolders(workspace);
        SampleReference.build(SEED).writeTo(workspace.resolve("reference"));
        return BenchConsumption.write(workspace.resolve("inbox"), records, periods);
    }

    /**
     * Soak bench: one night's inbox of {@code records} new records billed on {@code day}, ids {@code firstId} on
     * (see {@link BenchConsumption#writeNight}).
     */
    public static List<Path> writeSoakNight(Path inbox, LocalDate day, long firstId, long records) throws IOException {
        return BenchConsumption.writeNight(inbox, day, firstId, records);
    }

    /** Args: {@code <workspace-dir>} writes the sample; {@code <workspace-dir> <records>} writes a bench workspace. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SampleWorkspaceGenerator <workspace-dir> [bench-records]");
            System.exit(2);
        }
        Path workspace = Path.of(args[0]);
        long start = System.nanoTime();
        if (args.length == 1) {
            writeSampleWorkspace(workspace);
            System.out.printf("sample workspace written to %s in %d ms%n", workspace.toAbsolutePath(),
                    (System.nanoTime() - start) / 1_000_000);
        } else {
            long records = Long.parseLong(args[1].replace("_", ""));
            List<Path> files = writeBenchWorkspace(workspace, records);
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            System.out.printf("%,d records in %d files (%,d bytes) written to %s in %.2f s (%,.0f records/s)%n", records,
                    files.size(), bytes, workspace.resolve("inbox").toAbsolutePath(), seconds, records / seconds);
        }
    }

    private static void createFolders(Path workspace) throws IOException {
        for (String folder : FOLDERS) {
            Files.createDirectories(workspace.resolve(folder));
        }
    }
}

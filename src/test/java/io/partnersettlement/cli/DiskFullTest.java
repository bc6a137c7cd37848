package io.partnersettlement.cli;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Cli;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * A full disk under rejects/ or out/ fails the nightly run with one line naming the file, the operating system's
 * reason and the file system; once there is room again, {@code restart} completes the run. The full disks are small
 * tmpfs mounts (the test needs root, as CI has; elsewhere it is skipped).
 */
class DiskFullTest {

    /** A tmpfs mount holds this much; a filler leaves {@value #ROOM} bytes of it free. */
    static final int SIZE = 64 * 1024;
    static final int ROOM = 4096;

    @TempDir
    Path dir;

    final List<Path> mounts = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFullDiskIsNamedInOneLineAndARestartCompletesOnceThereIsRoom(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws")).partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "").writeReference();
        List<String> lines = new ArrayList<>(List.of(usage("g1", "C1", "2026-09-03", "7.00")));
        // 20 rejected lines of about 1 KB: a rejects file of 20 KB, more than the 4 KB left, less than the 64 KB
        for (int i = 0; i < 20; i++) {
            lines.add("b" + i + ",C1,2026-09-03,,,5," + "s".repeat(1000) + ",,,,,1.00,x,0,0,0,0,,,,,,");
        }
        ws.inboxFile("a.csv", CURRENT_HEADER, lines.toArray(new String[0]));
        Path rejects = full(ws.root().resolve("rejects"));
        Path out = full(ws.root().resolve("out"));
        String url = database.freshUrl();
        try {
            Result failed = run(ws, url, "nightly", "--date", "2026-11-02");
            assertThat(failed.code()).isEqualTo(1);
            assertThat(failed.err()).hasLineCount(1).matches("error: nightlyJob \\(execution \\d+\\) FAILED: cannot settle"
                    + " inbox/a.csv: No space left on device \\(" + Pattern.quote(rejects.toString()) + " is on "
                    + Pattern.quote(rejects.toString()) + " \\(tmpfs\\), [\\d,]+ bytes free; .*archive is on .*\\) — what"
                    + " was committed is kept; fix the cause and run ./run.sh restart --execution \\d+\\s*");

            // room under rejects/: the restart settles the file, then finds out/ full
            Files.delete(rejects.resolve("filler"));
            Result outFull = run(ws, url, "restart", "--execution", execution(failed));
            assertThat(outFull.code()).isEqualTo(1);
            assertThat(outFull.err()).hasLineCount(1).contains("FAILED: cannot write workbook " + out.resolve("2026-09"))
                    .contains(": No space left on device (" + out + "/2026-09 is on " + out + " (tmpfs), ")
                    .doesNotContain("unclosed entries");
            assertThat(ws.root().resolve("archive/a.csv")).exists();
            assertThat(rejects.resolve("a.csv.rejects.csv")).exists();

            Files.delete(out.resolve("filler"));
            Result done = run(ws, url, "restart", "--execution", execution(outFull));
            assertThat(done.code()).as(done.err()).isZero();
            assertThat(out.resolve("2026-09/performance-2026-09.xlsx")).exists();
        } finally {
            for (Path mount : mounts) {
                new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
            }
            TestDatabase.dropIfPostgres(url);
        }
    }

    /** A small tmpfs at {@code folder}, all but {@value #ROOM} bytes of it taken. */
    private Path full(Path folder) throws Exception {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", folder.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: " + said);
        mounts.add(folder);
        Files.write(folder.resolve("filler"), new byte[SIZE - ROOM]);
        return folder;
    }

    record Result(int code, String err) {
    }

    private static Result run(TestWorkspace ws, String url, String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.run(ws.root(), url, args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private static String execution(Result failed) {
        Matcher m = Pattern.compile("--execution (\\d+)").matcher(failed.err());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}

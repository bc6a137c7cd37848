package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** Two processes launching the same job at once: one runs, the other is refused naming the running execution. */
class ConcurrentLaunchTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondLaunchFromAnotherProcessIsRefused(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(TestWorkspace.usage("c" + i, "C1", String.format("2026-09-%02d", 1 + i % 30), "1.00"));
        }
        ws.write("inbox/big.csv", TestWorkspace.CURRENT_HEADER, lines);
        String url = database.freshUrl();
        try {
            Process first = launch(ws, url, "first.log");
            String jdbcUrl = url != null ? url
                    : "jdbc:h2:file:" + ws.root().resolve("db/settlement") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
            long execution = waitForLock(jdbcUrl, ws.root().resolve("db/settlement.lock.db"), url == null, first);
            Process second = launch(ws, url, "second.log");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String refusal = Files.readString(dir.resolve("second.log"));
            assertThat(second.exitValue()).as(refusal).isEqualTo(1);
            assertThat(refusal).contains("the nightlyJob run (execution " + execution + ") is running now");
            assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
            assertThat(Files.readString(dir.resolve("first.log"))).contains("20,000 records ingested");
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    /** Launches a nightly run that stays in its ingest step, holding the job, for 20 s after its first chunk. */
    private Process launch(TestWorkspace ws, String url, String log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dsettlement.chunk-size=2000", "-Dsettlement.pause-at=ingest.written#1",
                "-cp", System.getProperty("java.class.path"),
                "io.partnersettlement.SettlementApplication", "nightly", "--workspace", ws.root().toString(),
                "--date", "2026-11-02"));
        if (url != null) {
            command.add("--database-url=" + url);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    /** Waits until the first process holds the job's lock with its execution; answers the execution id. */
    private static long waitForLock(String jdbcUrl, Path lockFile, boolean h2, Process first) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(first.isAlive()).as("the first run ended before the second could be launched").isTrue();
            if (!h2 || Files.exists(lockFile)) {
                try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT execution_id FROM job_lock WHERE job_name = 'nightlyJob' AND execution_id IS NOT NULL");
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                } catch (java.sql.SQLException notYet) {
                    // the schema is not migrated yet
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first run never held the lock");
    }
}

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

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Two processes launching the same job at once, the second told not to wait for the ledger: one runs, the other is
 * refused naming the holder and its execution.
 */
class ConcurrentLaunchTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

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
        String url = fixture.database(database);
        Path go = dir.resolve("go");
        // the first run holds the ledger after its first chunk until the second has been refused
        Process first = launch(ws, url, "first.log", "-D" + CrashPoints.BARRIER_PROPERTY + "=ingest.written",
                "-Dsettlement.barrier-file=" + go);
        String jdbcUrl = url != null ? url
                : "jdbc:h2:file:" + ws.root().resolve("db/settlement") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
        long execution = waitForLock(jdbcUrl, ws.root().resolve("db/settlement.lock.db"), url == null, first);
        Process second = launch(ws, url, "second.log", "-Dsettlement.ledger.lock-wait=0s");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String refusal = Files.readString(dir.resolve("second.log"));
        assertThat(second.exitValue()).as(refusal).isEqualTo(1);
        assertThat(refusal).contains("the ledger is held by 'nightly --date 2026-11-02' (execution " + execution + ") on node ")
                .doesNotContain("\tat ");
        Files.writeString(go, "");
        assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        assertThat(Files.readString(dir.resolve("first.log"))).contains("20,000 records ingested");
    }

    /** Launches a nightly run in a JVM of its own with the given system properties. */
    private Process launch(TestWorkspace ws, String url, String log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dsettlement.chunk-size=2000"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
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
                            "SELECT execution_id FROM ledger_lock WHERE lock_id = 1 AND execution_id IS NOT NULL");
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

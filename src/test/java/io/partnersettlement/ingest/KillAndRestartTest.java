package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.ChildRun;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * A nightly run killed with SIGKILL in the middle of ingestion, then restarted, ends with exactly the figures of an
 * uninterrupted run: nothing lost, nothing counted twice.
 */
class KillAndRestartTest {

    static final int RECORDS = 120_000;

    @TempDir
    Path dir;

    TestWorkspace workspace(String name) {
        TestWorkspace ws = new TestWorkspace(dir.resolve(name))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .writeReference();
        for (int file = 0; file < 3; file++) {
            List<String> lines = new ArrayList<>(RECORDS / 3);
            for (int i = 0; i < RECORDS / 3; i++) {
                int n = file * (RECORDS / 3) + i;
                String day = String.format("2026-09-%02d", 1 + n % 30);
                // amounts vary in the cents so a lost or doubled record shows in the totals
                String cash = (n % 97) + "." + String.format("%02d", n % 100);
                lines.add(n % 101 == 0 ? "bad,line" : TestWorkspace.usage("k" + n, n % 3 == 0 ? "C2" : "C1", day, cash));
            }
            ws.write("inbox/f" + file + ".csv", TestWorkspace.CURRENT_HEADER, lines);
        }
        return ws;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aKilledRunRestartsToTheFiguresOfAnUninterruptedOne(TestDatabase database) throws Exception {
        String expected;
        String url = database.freshUrl();
        try (Engine engine = new Engine(workspace("reference").root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            expected = figures(engine);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }

        TestWorkspace ws = workspace("killed");
        url = database.freshUrl();
        try {
            Process child = ChildRun.nightly(ws.root(), url, "2026-11-02", dir.resolve("child.log"),
                    "-Dsettlement.chunk-size=500");
            String jdbcUrl = url != null ? url
                    : "jdbc:h2:file:" + ws.root().resolve("db/settlement") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
            // connect only once the child holds the database, so that the child stays its server
            Path lock = ws.root().resolve("db/settlement.lock.db");
            long ingested = waitForIngestion(jdbcUrl, url == null ? lock : null, child, RECORDS / 4);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ingested).as("killed mid-ingest").isLessThan(RECORDS);

            try (Engine engine = new Engine(ws.root(), url)) {
                var restarted = engine.bean(io.partnersettlement.run.JobRuns.class).restart(null);
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(figures(engine)).isEqualTo(expected);
                // every record once: 120,000 lines less the 1,189 bad ones (every 101st line)
                assertThat(IdLedger.count(engine.jdbc())).isEqualTo(RECORDS - (RECORDS + 100) / 101);
                assertThat(engine.count("SELECT SUM(record_count) FROM consumption_fact"))
                        .isEqualTo(RECORDS - (RECORDS + 100) / 101);
                assertThat(engine.count("SELECT COUNT(*) FROM rejected_line")).isEqualTo((RECORDS + 100) / 101);
            }
            assertThat(Files.list(ws.inbox())).isEmpty();
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    /** Every figure the run produces, as text, for comparison. */
    static String figures(Engine engine) {
        return String.join("\n", engine.jdbc().queryForList("""
                SELECT partner_id || ' ' || period || ' ' || currency || ' ' || CAST(performance AS VARCHAR(40)) || ' '
                       || record_count FROM performance_period ORDER BY partner_id, period, currency""", String.class))
                + "\n" + String.join("\n", engine.jdbc().queryForList("""
                SELECT partner_id || ' ' || CAST(bill_date AS VARCHAR(10)) || ' ' || CAST(performance AS VARCHAR(40))
                  FROM performance_daily ORDER BY partner_id, bill_date""", String.class))
                + "\nrejected " + engine.count("SELECT COUNT(*) FROM rejected_line");
    }

    static long waitForIngestion(String jdbcUrl, Path lock, Process child, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child run ended before it could be killed").isTrue();
            if (lock != null && !Files.exists(lock)) {
                Thread.sleep(50);
                continue;
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
                ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(records_ingested), 0) FROM ingest_file");
                rs.next();
                long n = rs.getLong(1);
                if (n >= atLeast) {
                    return n;
                }
            } catch (java.sql.SQLException notYet) {
                // the schema is not migrated yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child run did not reach " + atLeast + " records in time");
    }
}

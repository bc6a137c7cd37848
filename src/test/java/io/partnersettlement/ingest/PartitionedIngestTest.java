package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.KillLoopTestAccess;
import io.partnersettlement.support.ChildRun;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The nightly ingest partitioned by file: each partition checks its own files against the earlier nights, so an id two
 * partitions both take as new is put right when the night is indexed — the first in file and line order stands, a later
 * one with the same content is a repeat, with other content a {@code DUPLICATE_ID} naming the first, and its sums are
 * taken back. Whatever the number of partitions, and wherever a partitioned night is killed, the ledger is the one
 * partition's.
 */
class PartitionedIngestTest {

    static final String DAY = "2026-09-20";
    static final int FILLER = 50;

    @TempDir
    Path dir;

    static Map<String, Object> partitions(int n) {
        return Map.of("settlement.partitions", n, "settlement.partition-threads", 2, "settlement.chunk-size", 500);
    }

    /** x1 … x4: 50 new lines each ({@code f<file>_<n>}, 2026-09-01), then the lines that cross the files. */
    static void crossingNight(TestWorkspace ws) {
        List<List<String>> tails = List.of(
                // x1.csv lines 52 … 56: R, S, V, W and Y are new
                List.of(usage("R", "10.00"), usage("S", "20.00"), usage("V", "50.00"), usage("W", "60.00"),
                        usage("Y", "70.00")),
                // x2.csv: R as in x1 (repeat), S with 25.00 (duplicate of x1.csv line 53), T new, a3 as night 1 had it
                // (repeat), a4 with 999.00 (duplicate of n1.csv line 6)
                List.of(usage("R", "10.00"), usage("S", "25.00"), usage("T", "30.00"),
                        TestWorkspace.usage("a3", "C1", IdLedgerNightsTest.day(3), IdLedgerNightsTest.cash(3)),
                        TestWorkspace.usage("a4", "C1", IdLedgerNightsTest.day(4), "999.00")),
                // x3.csv: R (repeat), T with 31.00 (duplicate of x2.csv line 54), U new; then pairs its partition judges
                // against its own first line, which x1 overturns: V 51.00 (duplicate of x1 line 54), then V 50.00 —
                // a duplicate of line 55 to the partition, a repeat of x1's V in file order; W 61.00 twice — the second
                // a repeat to the partition, a duplicate of x1's W in file order; Y 71.00, Y 72.00 — the second a
                // duplicate of line 59 to the partition, of x1 line 56 in file order
                List.of(usage("R", "10.00"), usage("T", "31.00"), usage("U", "40.00"), usage("V", "51.00"),
                        usage("V", "50.00"), usage("W", "61.00"), usage("W", "61.00"), usage("Y", "71.00"),
                        usage("Y", "72.00")),
                // x4.csv: T as in x2 (repeat), U with 41.00 (duplicate of x3.csv line 54), S as in x1 (repeat: x2's S
                // with other content was rejected, so x1's is the S that stands)
                List.of(usage("T", "30.00"), usage("U", "41.00"), usage("S", "20.00")));
        for (int f = 1; f <= 4; f++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < FILLER; i++) {
                lines.add(TestWorkspace.usage("f" + f + "_" + i, "C1", "2026-09-01", IdLedgerNightsTest.cash(i)));
            }
            lines.addAll(tails.get(f - 1));
            ws.write("inbox/x" + f + ".csv", TestWorkspace.CURRENT_HEADER, lines);
        }
    }

    static String usage(String id, String cash) {
        return TestWorkspace.usage(id, "C1", DAY, cash);
    }

    static void assertCrossingNight(Engine engine) {
        assertThat(engine.jdbc().queryForList(
                "SELECT file_name || ' ' || records_ingested || ' ' || repeats || ' ' || rejected FROM ingest_file"
                        + " WHERE file_name LIKE 'x%' ORDER BY file_name", String.class)).containsExactly(
                "x1.csv 55 0 0", "x2.csv 51 2 2", "x3.csv 51 2 6", "x4.csv 50 2 1");
        assertThat(engine.jdbc().queryForList("""
                SELECT f.file_name || ' ' || r.line_number || ' ' || r.message FROM rejected_line r
                  JOIN ingest_file f ON f.file_id = r.file_id WHERE r.reason = 'DUPLICATE_ID'
                 ORDER BY f.file_name, r.line_number""", String.class)).containsExactly(
                "x2.csv 53 id S was already ingested with different content (x1.csv line 53)",
                "x2.csv 56 id a4 was already ingested with different content (n1.csv line 6)",
                "x3.csv 53 id T was already ingested with different content (x2.csv line 54)",
                "x3.csv 55 id V was already ingested with different content (x1.csv line 54)",
                "x3.csv 57 id W was already ingested with different content (x1.csv line 55)",
                "x3.csv 58 id W was already ingested with different content (x1.csv line 55)",
                "x3.csv 59 id Y was already ingested with different content (x1.csv line 56)",
                "x3.csv 60 id Y was already ingested with different content (x1.csv line 56)",
                "x4.csv 53 id U was already ingested with different content (x3.csv line 54)");
        // 2026-09-20: R 10.00 + S 20.00 + V 50.00 + W 60.00 + Y 70.00 (x1) + T 30.00 (x2) + U 40.00 (x3) = 280.00 in
        // 7 records; the repeats R, R, T, S, V add 10 + 10 + 30 + 20 + 50 = 120.00 to the tally, never to the sums
        assertThat(engine.decimal("""
                SELECT SUM(c.payment_amount) FROM consumption_fact c JOIN ingest_file f ON f.file_id = c.file_id
                 WHERE f.file_name LIKE 'x%' AND c.bill_date = DATE '2026-09-20'""")).isEqualByComparingTo("280.00");
        assertThat(engine.jdbc().queryForList("""
                SELECT f.file_name || ' ' || c.record_count || ' ' || MOD(c.fact_key, 268435456)
                  FROM consumption_fact c JOIN ingest_file f ON f.file_id = c.file_id
                 WHERE f.file_name LIKE 'x%' AND c.bill_date = DATE '2026-09-20' ORDER BY f.file_name""", String.class))
                .containsExactly(
                // x2's row starts at T's line 54 once S (line 53) is taken back
                "x1.csv 5 52", "x2.csv 1 54", "x3.csv 1 54");
        assertThat(engine.decimal("""
                SELECT SUM(t.payment_amount) FROM repeat_tally t JOIN ingest_file f ON f.file_id = t.file_id
                 WHERE f.file_name LIKE 'x%'""")).isEqualByComparingTo(new BigDecimal("120.00")
                .add(new BigDecimal(IdLedgerNightsTest.cash(3))));
        // 200 filler lines, R, S, V, W, Y, T, U
        assertThat(engine.count("""
                SELECT SUM(c.record_count) FROM consumption_fact c JOIN ingest_file f ON f.file_id = c.file_id
                 WHERE f.file_name LIKE 'x%'""")).isEqualTo(207);
        assertThat(IdLedger.count(engine.jdbc())).isEqualTo(IdLedgerNightsTest.FIRST + 207);
        assertThat(engine.count("SELECT COUNT(*) FROM id_ledger")).isEqualTo(IdLedgerNightsTest.FIRST + 207);
        assertThat(engine.count("SELECT COUNT(*) FROM id_ledger_shared_hash")).isZero();
        assertThat(engine.count("SELECT COUNT(*) FROM ingested_id_block WHERE indexed = FALSE")).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void idsThatTwoPartitionsTookAsNewAreMadeWhatOneProcessMakesThem(TestDatabase database) {
        String url = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "crossing");
        String oneUrl = database.freshUrl();
        TestWorkspace one = IdLedgerNightsTest.firstNight(dir, "one");
        try {
            for (var run : List.of(new Object[] {ws, url, 4}, new Object[] {one, oneUrl, 1})) {
                TestWorkspace w = (TestWorkspace) run[0];
                try (Engine engine = new Engine(w.root(), (String) run[1], partitions((Integer) run[2]))) {
                    assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                    crossingNight(w);
                    assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                    assertCrossingNight(engine);
                    assertThat(engine.count("""
                            SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e
                              ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                             WHERE s.STEP_NAME LIKE 'ingestPartitionStep:%' AND e.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID)
                              FROM BATCH_JOB_EXECUTION)""")).as("partitions of the second night").isEqualTo(((Integer) run[2]).longValue());
                }
            }
            assertThat(KillLoopTestAccess.figures(ws.root(), url)).isEqualTo(KillLoopTestAccess.figures(one.root(), oneUrl));
        } finally {
            TestDatabase.dropIfPostgres(url);
            TestDatabase.dropIfPostgres(oneUrl);
        }
    }

    /** The second night of {@link IdLedgerNightsTest} (n2b.csv repeats and contradicts n2a.csv) on two partitions. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNightOnTwoPartitionsFindsWhatOneFinds(TestDatabase database) {
        String url = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "two");
        try (Engine engine = new Engine(ws.root(), url, partitions(2))) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IdLedgerNightsTest.secondNight(ws);
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.jdbc().queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                    + " 'ingestPartitionStep:%' ORDER BY STEP_EXECUTION_ID DESC FETCH FIRST 2 ROWS ONLY", String.class))
                    .containsExactlyInAnyOrder("ingestPartitionStep:files-1", "ingestPartitionStep:files-2");
            IdLedgerNightsTest.assertSecondNight(engine);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    /**
     * Killed as SIGKILL would kill it — in the middle of the larger partition's ingest (on H2), or once the duplicates
     * across partitions are taken back and before a hash is indexed (on PostgreSQL; the kill loop kills the indexing
     * itself) — the restart ends with the uninterrupted night's figures.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ingest.written#20", "ids.resolved"})
    void aPartitionedNightKilledAnywhereRestartsToTheSameFigures(String crashAt) throws Exception {
        TestDatabase database = crashAt.startsWith("ids.resolved") ? TestDatabase.POSTGRESQL : TestDatabase.H2;
        String url = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "killed");
        try {
            try (Engine engine = new Engine(ws.root(), url)) {
                assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            }
            IdLedgerNightsTest.secondNight(ws);
            Process child = ChildRun.nightly(ws.root(), url, "2026-11-03", dir.resolve("child.log"),
                    "-Dsettlement.chunk-size=500", "-Dsettlement.partitions=2", "-Dsettlement.id-index-slice=5000",
                    "-D" + io.partnersettlement.fault.CrashPoints.PROPERTY + "=" + crashAt);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed at " + crashAt).isEqualTo(137);
            try (Engine engine = new Engine(ws.root(), url, partitions(2))) {
                var restarted = engine.bean(JobRuns.class).restart(null);
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                IdLedgerNightsTest.assertSecondNight(engine);
                assertThat(engine.count("SELECT COUNT(*) FROM ingested_id_block WHERE indexed = FALSE")).isZero();
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}

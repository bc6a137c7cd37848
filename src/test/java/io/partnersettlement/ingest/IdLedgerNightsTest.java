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
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.ChildRun;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Repeats and changed-content duplicates across nights, checked against the id ledger in the database: lines of an
 * earlier night repeated as they were are skipped as repeats, with other content rejected as {@code DUPLICATE_ID}
 * naming the earlier file and line — also when the earlier line is in a chunk of the same night not yet committed, in
 * an earlier file of the night, or earlier in the same block; and a second night killed in the middle of its ingest and
 * restarted ends with the same counts and figures. Blocks stored before the index existed are indexed by the next
 * night before it checks.
 */
class IdLedgerNightsTest {

    /** Night 1: a0 … a2999. */
    static final int FIRST = 3_000;
    /** Night 2's first file: b0 … b(SECOND-1), with repeats and changed lines of night 1 among them. */
    static final int SECOND = 40_000;
    static final Map<String, Object> SMALL_CHUNKS = Map.of("settlement.chunk-size", 500);

    @TempDir
    Path dir;

    static String cash(int n) {
        return (n % 97) + "." + String.format("%02d", n % 100);
    }

    static String day(int n) {
        return String.format("2026-09-%02d", 1 + n % 30);
    }

    TestWorkspace firstNight(String name) {
        return firstNight(dir, name);
    }

    static TestWorkspace firstNight(Path dir, String name) {
        TestWorkspace ws = new TestWorkspace(dir.resolve(name))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FIRST; i++) {
            lines.add(TestWorkspace.usage("a" + i, "C1", day(i), cash(i)));
        }
        ws.write("inbox/n1.csv", TestWorkspace.CURRENT_HEADER, lines);
        return ws;
    }

    /**
     * Night 2. n2a.csv: b0 … b39999 with, after every 2,000th, a line of night 1 as it was (a0, a100, …: 20 repeats),
     * and a5, a1500, a2999 with other cash (3 duplicates). n2b.csv: ten lines of n2a as they were (10 repeats) and b7,
     * b39998 with other cash (2 duplicates), then c0 twice as it was (1 repeat) and c1 twice with other cash (1
     * duplicate). Repeats 20 + 10 + 1 = 31, duplicates 3 + 2 + 1 = 6, new ids 40,000 + 2 = 40,002.
     */
    static void secondNight(TestWorkspace ws) {
        List<String> a = new ArrayList<>();
        int repeated = 0;
        for (int i = 0; i < SECOND; i++) {
            a.add(TestWorkspace.usage("b" + i, "C1", day(i), cash(i)));
            if (i % 2_000 == 0) {
                a.add(TestWorkspace.usage("a" + repeated * 100, "C1", day(repeated * 100), cash(repeated * 100)));
                repeated++;
            }
            if (i == 100 || i == 20_000 || i == 39_000) {
                int k = i == 100 ? 5 : i == 20_000 ? 1_500 : 2_999;
                a.add(TestWorkspace.usage("a" + k, "C1", day(k), "1000.00"));
            }
        }
        ws.write("inbox/n2a.csv", TestWorkspace.CURRENT_HEADER, a);
        List<String> b = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            int i = k * 3_999;
            b.add(TestWorkspace.usage("b" + i, "C1", day(i), cash(i)));
        }
        b.add(TestWorkspace.usage("b7", "C1", day(7), "2000.00"));
        b.add(TestWorkspace.usage("b39998", "C1", day(39_998), "2000.00"));
        b.add(TestWorkspace.usage("c0", "C1", "2026-09-03", "1.11"));
        b.add(TestWorkspace.usage("c0", "C1", "2026-09-03", "1.11"));
        b.add(TestWorkspace.usage("c1", "C1", "2026-09-04", "2.22"));
        b.add(TestWorkspace.usage("c1", "C1", "2026-09-04", "3.33"));
        ws.write("inbox/n2b.csv", TestWorkspace.CURRENT_HEADER, b);
    }

    /** The cash of every first occurrence: a0 … a2999, b0 … b39999, c0 1.11 and c1 2.22. */
    static BigDecimal expectedPerformance() {
        BigDecimal sum = new BigDecimal("3.33");
        for (int i = 0; i < FIRST; i++) {
            sum = sum.add(new BigDecimal(cash(i)));
        }
        for (int i = 0; i < SECOND; i++) {
            sum = sum.add(new BigDecimal(cash(i)));
        }
        return sum;
    }

    static void assertSecondNight(Engine engine) {
        assertThat(engine.count("SELECT SUM(repeats) FROM ingest_file WHERE file_name IN ('n2a.csv', 'n2b.csv')"))
                .isEqualTo(31);
        assertThat(engine.jdbc().queryForList("""
                SELECT f.file_name || ' ' || r.line_number || ' ' || r.message FROM rejected_line r
                  JOIN ingest_file f ON f.file_id = r.file_id WHERE r.reason = 'DUPLICATE_ID'
                 ORDER BY f.file_name, r.line_number""", String.class)).containsExactly(
                // n2a.csv: line 1 header, b0 line 2, a0 line 3, b1 line 4 … b100 line 103, a5 line 104
                "n2a.csv 104 id a5 was already ingested with different content (n1.csv line 7)",
                // b20000 at line 2 + 20,000 + 11 repeats before it (a0 … a1000) + a5 = 20,014; a1500 after it
                "n2a.csv 20015 id a1500 was already ingested with different content (n1.csv line 1502)",
                // b39000 at 2 + 39,000 + 20 repeats + a5 + a1500 = 39,024; a2999 after it
                "n2a.csv 39025 id a2999 was already ingested with different content (n1.csv line 3001)",
                // b7 at n2a line 2 + 7 + 1 (a0) = 10; b39998 at 2 + 39,998 + 20 + 3 = 40,023
                "n2b.csv 12 id b7 was already ingested with different content (n2a.csv line 10)",
                "n2b.csv 13 id b39998 was already ingested with different content (n2a.csv line 40023)",
                "n2b.csv 17 id c1 was already ingested with different content (n2b.csv line 16)");
        assertThat(IdLedger.count(engine.jdbc())).isEqualTo(FIRST + SECOND + 2);
        assertThat(engine.count("SELECT COUNT(*) FROM id_ledger")).isEqualTo(FIRST + SECOND + 2);
        assertThat(engine.count("SELECT SUM(record_count) FROM consumption_fact")).isEqualTo(FIRST + SECOND + 2);
        assertThat(engine.decimal("SELECT SUM(payment_amount) FROM consumption_fact"))
                .isEqualByComparingTo(expectedPerformance());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void repeatsAndChangedDuplicatesOfEarlierNightsAreFoundInTheDatabase(TestDatabase database) {
        String url = database.freshUrl();
        TestWorkspace ws = firstNight("nights");
        try (Engine engine = new Engine(ws.root(), url, SMALL_CHUNKS)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // as if night 1 had been ingested before the index existed: the next night indexes its blocks first
            engine.jdbc().update("DELETE FROM id_ledger");
            engine.jdbc().update("UPDATE ingested_id_block SET indexed = FALSE");
            secondNight(ws);
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertSecondNight(engine);
            // a third night repeating lines of both earlier nights finds them all, nothing new
            ws.write("inbox/n3.csv", TestWorkspace.CURRENT_HEADER, List.of(
                    TestWorkspace.usage("a7", "C1", day(7), cash(7)),
                    TestWorkspace.usage("b12345", "C1", day(12_345), cash(12_345)),
                    TestWorkspace.usage("c1", "C1", "2026-09-04", "2.22"),
                    TestWorkspace.usage("c1", "C1", "2026-09-04", "9.99")));
            assertThat(engine.nightly("2026-11-04").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.count("SELECT repeats FROM ingest_file WHERE file_name = 'n3.csv'")).isEqualTo(3);
            assertThat(engine.jdbc().queryForList("""
                    SELECT r.message FROM rejected_line r JOIN ingest_file f ON f.file_id = r.file_id
                     WHERE f.file_name = 'n3.csv'""", String.class))
                    .containsExactly("id c1 was already ingested with different content (n2b.csv line 16)");
            assertThat(IdLedger.count(engine.jdbc())).isEqualTo(FIRST + SECOND + 2);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondNightKilledInItsIngestRestartsToTheSameRepeatsAndDuplicates(TestDatabase database) throws Exception {
        String url = database.freshUrl();
        TestWorkspace ws = firstNight("killed");
        try {
            try (Engine engine = new Engine(ws.root(), url)) {
                assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            }
            secondNight(ws);
            // killed as SIGKILL would: after the 20th chunk of 500 lines, in the middle of n2a.csv
            Process child = ChildRun.nightly(ws.root(), url, "2026-11-03", dir.resolve("child.log"),
                    "-Dsettlement.chunk-size=500", "-D" + io.partnersettlement.fault.CrashPoints.PROPERTY + "=ingest.written#20");
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            try (Engine engine = new Engine(ws.root(), url, SMALL_CHUNKS)) {
                // 19 chunks committed (the 20th dies before its commit): 19 × 500 lines, less the repeats among them
                assertThat(engine.count("SELECT SUM(records_ingested) FROM ingest_file")).as("killed in the middle of n2a.csv")
                        .isBetween((long) FIRST + 1, (long) FIRST + SECOND - 1);
                assertThat(engine.count("SELECT COUNT(*) FROM ingested_id_block WHERE indexed = FALSE"))
                        .as("the killed night's blocks, stored but not indexed yet").isPositive();
                var restarted = engine.bean(io.partnersettlement.run.JobRuns.class).restart(null);
                assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertSecondNight(engine);
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}

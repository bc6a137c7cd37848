package io.partnersettlement.incentive;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * A refund whose cash and credit parts have opposite signs subtracts each part's absolute value, in performance and in
 * its details alike (SPEC section 5), so the monthly tie-out holds; a tie-out that does break names its records.
 */
class RefundPartsTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final String EC2 = "hws.service.type.ec2";

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws")).partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "").repaid("C1", "2026-09", "2026-10-10").writeReference();
        ws.inboxFile("a.csv", CURRENT_HEADER,
                usage("u1", "C1", "2026-09-03", "100.00"),
                // a refund of cash −10, credit +5: payment −5
                record("r1", "C1", "2026-09-10", "4", EC2, "O1", "-10.00", "5.00", "0", "0"));
        return ws;
    }

    static String performance(Engine engine) {
        return engine.decimal("SELECT performance FROM performance_period WHERE partner_id = 'P1' AND period = '2026-09'")
                .stripTrailingZeros().toPlainString();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRefundWithOppositeSignedPartsSubtractsEachPartsAbsoluteValue(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // 100.00 − (|−10.00| + |5.00|) = 85.00 (not 100 − |−10 + 5| = 95)
            assertThat(performance(engine)).isEqualTo("85");
            assertThat(engine.monthly("2026-09", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // details: usage CASH 100.00, refund CASH −10.00 and CREDIT −5.00 (order O1); Σ bases = 85.00 = performance
            assertThat(engine.jdbc().queryForList("""
                    SELECT order_id || ' ' || funding || ' ' || CAST(base AS DECIMAL(10,2)) || ' ' || CAST(amount AS DECIMAL(10,2))
                      FROM incentive_detail ORDER BY order_id, funding""", String.class))
                    // 9 %: 100.00 → 9.00, −10.00 → −0.90, −5.00 → −0.45
                    .containsExactly(" CASH 100.00 9.00", "O1 CASH -10.00 -0.90", "O1 CREDIT -5.00 -0.45");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBrokenTieOutNamesTheRecordsBehindItAndARefreshClearsIt(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            // performance as an earlier rule refreshed it: 100 − |−10 + 5| = 95
            engine.jdbc().update("UPDATE performance_period SET performance = 95 WHERE partner_id = 'P1'");
            engine.jdbc().update("UPDATE performance_service SET performance = 95 WHERE partner_id = 'P1'");
            var failed = engine.monthly("2026-09", "2026-11-02");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getAllFailureExceptions()).extracting(Throwable::getMessage).containsExactly(
                    "control totals do not tie out: 2026-09 P1 CNY: performance = Σ detail bases (late details excluded);"
                            + " records behind it: service " + EC2 + " (performance 95, detail bases 85): a.csv line 2 id u1,"
                            + " a.csv line 3 id r1 (2 record(s) in all) (95 vs 85)");

            // the nightly run of the date again refreshes the period; the failed monthly run, restarted, then ties out
            assertThat(engine.bean(JobRuns.class).rerunNightly(NightlyJobConfiguration.NIGHTLY_JOB,
                    LocalDate.parse("2026-11-02")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(performance(engine)).isEqualTo("85");
            assertThat(engine.bean(JobRuns.class).restart(failed.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
    }
}

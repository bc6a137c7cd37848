package io.partnersettlement.incentive;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.incentive.DryRun;
import io.partnersettlement.incentive.MonthlySettlement;
import io.partnersettlement.run.ChangeReport;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** A dry run is the monthly run rolled back: its figures and change report are what the real run then makes. */
class DryRunMatchesRunTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theDryRunOfOctoberReleasesSeptembersRepaidCreditAsTheRunThenDoes(TestDatabase database) {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "VOUCHER_QUOTA")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", CURRENT_HEADER,
                usage("s1", "C1", "2026-09-01", "1000.00"),
                record("s2", "C1", "2026-09-02", "5", "hws.service.type.ec2", "", "0", "500.00", "0", "0"),
                usage("o1", "C1", "2026-10-01", "2000.00"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            // September, CORE REFERRAL 9 %: cash 1000.00 → 90.00 available; credit 500.00 → 45.00 frozen (unpaid)
            engine.monthly("2026-09", "2026-11-02");
            engine.bean(StatementLifecycle.class).confirmPeriod("2026-09", "op");
            // then September's credit is repaid: October's run releases the 45.00 from September
            ws.repaid("C1", "2026-09", "2026-11-03").writeReference();

            Path out = ws.root().resolve("out");
            DryRun.Result preview = engine.bean(DryRun.class).run("2026-10", LocalDate.parse("2026-11-05"), out);
            // October: own 2000.00 × 9 % = 180.00; released from September 45.00; payable 180.00 + 45.00 = 225.00
            assertThat(preview.statements().get("ST-202610-P1"))
                    .containsEntry("available_total", "180")
                    .containsEntry("released_from_prior", "45")
                    .containsEntry("payable", "225");
            assertThat(preview.changes()).contains(
                    "2026-09 P1 incentive available CNY: 90.00 → 135.00 (+45.00)",
                    "2026-09 P1 incentive frozen CNY: 45.00 → 0.00 (-45.00)",
                    "2026-10 P1 statement payable CNY: 0.00 → 225.00 (+225.00)",
                    "2026-10 P1 statement released_from_prior CNY: 0.00 → 45.00 (+45.00)");
            assertThat(preview.problems()).isEmpty();

            // the real run that follows makes exactly those figures and those changes, statement by statement
            List<String> periods = engine.bean(MonthlySettlement.class).periodsComputed("2026-10");
            assertThat(periods).containsExactly("2026-09", "2026-10");
            ChangeReport report = ChangeReport.before(engine.jdbc(), periods);
            engine.monthly("2026-10", "2026-11-05");
            List<String> changes = report.changes(engine.jdbc(), periods, out.resolve("real-run-changes.csv"));
            assertThat(changes).isEqualTo(preview.changes());
            assertThat(DryRun.statementRows(engine.jdbc(), "2026-10")).isEqualTo(preview.statements());
        }
    }
}

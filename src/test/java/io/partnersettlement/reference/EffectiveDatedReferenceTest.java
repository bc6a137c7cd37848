package io.partnersettlement.reference;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.Sheets;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Partners' terms and the incentive policy are effective-dated: a detail is priced with what was in effect in its own
 * period, in every recomputation, and an edit that would change a confirmed period is refused.
 */
class EffectiveDatedReferenceTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final String PARTNERS = "partner_id,partner_name,tier,settlement_currency,disbursement_method,"
            + "contracting_entity,partner_tax_rate,tax_id,effective_from";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDetailIsPricedWithTheTermsOfItsOwnPeriodAndAConfirmedPeriodCannotBeEdited(TestDatabase database) {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "PREFERRED", "VOUCHER_QUOTA")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        // P1 is PREFERRED until September and STANDARD from October (the second row's effective_from)
        ws.write("reference/partners.csv", PARTNERS, List.of(
                "P1,伙伴P1,PREFERRED,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,",
                "P1,伙伴P1,STANDARD,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,2026-10-01"));
        // STANDARD REFERRAL earns 3 % until September and 4 % from October
        ws.write("reference/incentive-policy.csv", "tier,association_type,rate,effective_from", List.of(
                "STANDARD,REFERRAL,0.03,", "STANDARD,RESALE,0.01,", "PREFERRED,REFERRAL,0.05,", "PREFERRED,RESALE,0.02,",
                "LEADING,REFERRAL,0.07,", "LEADING,RESALE,0.03,", "CORE,REFERRAL,0.09,", "CORE,RESALE,0.04,",
                "STANDARD,REFERRAL,0.04,2026-10"));
        ws.inboxFile("a.csv", CURRENT_HEADER,
                usage("s1", "C1", "2026-09-01", "1000.00"),
                // credit, never repaid: frozen, recomputed by every later monthly run
                record("s2", "C1", "2026-09-02", "5", "hws.service.type.ec2", "", "0", "200.00", "0", "0"),
                usage("o1", "C1", "2026-10-01", "1000.00"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            engine.monthly("2026-09", "2026-11-02");
            engine.bean(StatementLifecycle.class).confirmPeriod("2026-09", "op");
            assertThat(engine.monthly("2026-10", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);

            // September, PREFERRED REFERRAL 5 %: cash 1000.00 × 0.05 = 50.00; credit 200.00 × 0.05 = 10.00 (frozen),
            // recomputed by October's run with September's tier, not October's
            assertThat(details(engine, "2026-09")).containsExactly("CASH PREFERRED 0.05 50 AVAILABLE",
                    "CREDIT PREFERRED 0.05 10 FROZEN");
            // October, STANDARD REFERRAL from October 4 %: 1000.00 × 0.04 = 40.00
            assertThat(details(engine, "2026-10")).containsExactly("CASH STANDARD 0.04 40 AVAILABLE");

            // the workbooks show the tier applied
            Path out = ws.root().resolve("out");
            assertThat(Sheets.table(out.resolve("2026-09/incentives-2026-09.xlsx"), "Details"))
                    .filteredOn(row -> String.valueOf(row.get("detail_id")).startsWith("D-"))
                    .extracting(row -> row.get("tier")).containsExactly("PREFERRED", "PREFERRED");
            assertThat(Sheets.table(out.resolve("2026-10/statements/ST-202610-P1.xlsx"), "Details"))
                    .filteredOn(row -> String.valueOf(row.get("detail_id")).startsWith("D-"))
                    .extracting(row -> row.get("role") + " " + row.get("tier"))
                    .containsExactly("OWN STANDARD");
            assertThat(Sheets.table(out.resolve("2026-09/performance-2026-09.xlsx"), "Summary"))
                    .filteredOn(row -> "P1".equals(row.get("partner_id")))
                    .extracting(row -> row.get("tier")).containsExactly("PREFERRED");
            assertThat(Sheets.table(out.resolve("2026-10/performance-2026-10.xlsx"), "Summary"))
                    .filteredOn(row -> "P1".equals(row.get("partner_id")))
                    .extracting(row -> row.get("tier")).containsExactly("STANDARD");

            // editing September's tier in place is refused, naming file, partner and attribute; nothing is repriced
            ws.write("reference/partners.csv", PARTNERS, List.of(
                    "P1,伙伴P1,STANDARD,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,"));
            var refused = engine.monthly("2026-10", "2026-11-03");
            assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(refused.getAllFailureExceptions()).singleElement().extracting(Throwable::getMessage).asString()
                    .startsWith("reference/partners.csv: partner P1: tier of 2026-09 would change from PREFERRED to "
                            + "STANDARD, but ST-202609-P1 is confirmed — add a row with effective_from instead");
            assertThat(details(engine, "2026-09")).containsExactly("CASH PREFERRED 0.05 50 AVAILABLE",
                    "CREDIT PREFERRED 0.05 10 FROZEN");

            // so is a policy rate of September's tier in effect for September
            ws.write("reference/partners.csv", PARTNERS, List.of(
                    "P1,伙伴P1,PREFERRED,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,",
                    "P1,伙伴P1,STANDARD,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,2026-10"));
            ws.write("reference/incentive-policy.csv", "tier,association_type,rate", List.of(
                    "STANDARD,REFERRAL,0.04", "STANDARD,RESALE,0.01", "PREFERRED,REFERRAL,0.06", "PREFERRED,RESALE,0.02",
                    "LEADING,REFERRAL,0.07", "LEADING,RESALE,0.03", "CORE,REFERRAL,0.09", "CORE,RESALE,0.04"));
            // the operator fixes the file and resumes the refused run, as its message says
            var policyRefused = engine.bean(JobRuns.class).restart(refused.getId());
            assertThat(policyRefused.getAllFailureExceptions()).singleElement().extracting(Throwable::getMessage)
                    .asString().startsWith("reference/incentive-policy.csv: partner P1: rate of PREFERRED REFERRAL for "
                            + "2026-09 would change from 0.05 to 0.06, but ST-202609-P1 is confirmed");

            // a new rate from a later period is accepted, and October (not confirmed) is repriced with it:
            // 1000.00 × 0.05 = 50.00
            ws.write("reference/incentive-policy.csv", "tier,association_type,rate,effective_from", List.of(
                    "STANDARD,REFERRAL,0.03,", "STANDARD,RESALE,0.01,", "PREFERRED,REFERRAL,0.05,",
                    "PREFERRED,RESALE,0.02,", "LEADING,REFERRAL,0.07,", "LEADING,RESALE,0.03,", "CORE,REFERRAL,0.09,",
                    "CORE,RESALE,0.04,", "STANDARD,REFERRAL,0.05,2026-10"));
            assertThat(engine.bean(JobRuns.class).restart(policyRefused.getId()).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
            assertThat(details(engine, "2026-10")).containsExactly("CASH STANDARD 0.05 50 AVAILABLE");
            assertThat(details(engine, "2026-09")).containsExactly("CASH PREFERRED 0.05 50 AVAILABLE",
                    "CREDIT PREFERRED 0.05 10 FROZEN");

            // October's row changes to CORE: October is repriced (CORE REFERRAL 9 %: 1000.00 × 0.09 = 90.00) and its
            // performance workbook, written by the nightly run, is rewritten to show the tier now in effect
            ws.write("reference/partners.csv", PARTNERS, List.of(
                    "P1,伙伴P1,PREFERRED,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,",
                    "P1,伙伴P1,CORE,CNY,VOUCHER_QUOTA,华为云计算技术有限公司,0.06,911P1,2026-10"));
            assertThat(engine.monthly("2026-10", "2026-11-06").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(details(engine, "2026-10")).containsExactly("CASH CORE 0.09 90 AVAILABLE");
            assertThat(Sheets.table(out.resolve("2026-10/performance-2026-10.xlsx"), "Summary"))
                    .filteredOn(row -> "P1".equals(row.get("partner_id")))
                    .extracting(row -> row.get("tier")).containsExactly("CORE");
        }
    }

    static List<String> details(Engine engine, String period) {
        return engine.jdbc().query("""
                SELECT funding, tier, rate, amount, status FROM incentive_detail WHERE period = ? ORDER BY funding""",
                (rs, n) -> String.join(" ", rs.getString(1), rs.getString(2),
                        rs.getBigDecimal(3).stripTrailingZeros().toPlainString(),
                        rs.getBigDecimal(4).stripTrailingZeros().toPlainString(), rs.getString(5)), period);
    }

}

package io.partnersettlement.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Reference values the ledger cannot keep as written — a decimal with more digits than its column, an id longer than
 * its column or than the ids built from it, a control character — fail the run naming file and line, before anything
 * changes; never rounded silently, never a database error.
 */
class ReferenceLimitsTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void valuesTheLedgerCannotKeepAreReferenceErrorsWithFileAndLine(TestDatabase database) throws Exception {
        String partner31 = "P".repeat(31);
        String customer65 = "C".repeat(65);
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"));
        ws.write("reference/partners.csv", "partner_id,partner_name,tier,settlement_currency,disbursement_method,"
                + "contracting_entity,partner_tax_rate,tax_id", List.of(
                        "P1,伙伴一,CORE,CNY,BANK_TRANSFER,华为云,0.06,911",
                        partner31 + ",伙伴二,CORE,CNY,BANK_TRANSFER,华为云,0.06,912",
                        "P3,伙伴三,CORE,CNY,BANK_TRANSFER,华为云,0.0600001,913",
                        "P4,伙伴\u0000四,CORE,CNY,BANK_TRANSFER,华为云,0.06,914"));
        ws.write("reference/customers.csv", "customer_id,customer_name,partner_id,association_type,associated_on,"
                + "dissociated_on", List.of("C1,客户一,P1,REFERRAL,2025-01-01,", customer65 + ",客户二,P1,REFERRAL,2025-01-01,"));
        ws.write("reference/account-managers.csv", "customer_id,manager_id,manager_name,assigned_on",
                List.of("C1," + "M".repeat(65) + ",经理,2025-01-01"));
        ws.write("reference/milestones.csv", "order_id,milestone_no,unfreeze_ratio,set_on", List.of(
                "O1,1,0.500000001,2026-09-01", "O1,2,0.5,2026-09-02", "O".repeat(129) + ",1,0.5,2026-09-01"));
        ws.write("reference/credit-repayments.csv", "customer_id,bill_cycle,repaid_on", List.of());
        ws.write("reference/fx-rates.csv", "period,from_currency,to_currency,rate", List.of(
                "2026-09,USD,CNY,7.12345678901", "2026-09,EUR,CNY,12345678901.5", "2026-09,JPY,CNY,0.0475000000"));
        ws.write("reference/incentive-policy.csv", "tier,association_type,rate", List.of(
                "STANDARD,REFERRAL,0.03", "STANDARD,RESALE,0.01", "PREFERRED,REFERRAL,0.05", "PREFERRED,RESALE,0.02",
                "LEADING,REFERRAL,0.07", "LEADING,RESALE,0.03", "CORE,REFERRAL,0.0900001", "CORE,RESALE,0.04"));
        ws.inboxFile("a.csv", TestWorkspace.CURRENT_HEADER, TestWorkspace.usage("u1", "C1", "2026-09-03", "1.00"));

        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            var failed = engine.nightly("2026-11-02");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getAllFailureExceptions()).singleElement().isInstanceOf(ReferenceDataException.class)
                    .extracting(e -> ((ReferenceDataException) e).problems()).isEqualTo(List.of(
                            "reference/partners.csv line 3: partner_id is longer than the 30 characters the ledger keeps",
                            "reference/partners.csv line 4: partner_tax_rate '0.0600001' has more than 6 fractional digits,"
                                    + " the most the ledger keeps",
                            "reference/partners.csv line 5: partner_name holds the control character U+0000",
                            "reference/customers.csv line 3: customer_id is longer than the 64 characters the ledger keeps",
                            "reference/account-managers.csv line 2: manager_id is longer than the 64 characters the ledger"
                                    + " keeps",
                            "reference/milestones.csv line 2: unfreeze_ratio '0.500000001' has more than 8 fractional"
                                    + " digits, the most the ledger keeps",
                            "reference/milestones.csv line 4: order_id is longer than the 128 characters the ledger keeps",
                            "reference/fx-rates.csv line 2: rate '7.12345678901' has more than 10 fractional digits, the"
                                    + " most the ledger keeps",
                            "reference/fx-rates.csv line 3: rate '12345678901.5' has more than 10 integer digits, the most"
                                    + " the ledger keeps",
                            "reference/incentive-policy.csv line 8: rate '0.0900001' has more than 6 fractional digits,"
                                    + " the most the ledger keeps"));
            // nothing changed: no file registered, no reference row stored
            assertThat(engine.count("SELECT COUNT(*) FROM ingest_file") + engine.count("SELECT COUNT(*) FROM partner")
                    + engine.count("SELECT COUNT(*) FROM milestone")).isZero();
            assertThat(ws.inbox().resolve("a.csv")).exists();
        }
    }
}

package io.partnersettlement.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The statement generator on its own: details put into the ledger by hand (no monthly job), then one call to
 * {@link StatementGenerator#generate}. What each statement counts, converts, pays and carries.
 */
class StatementGeneratorTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachPartnersStatementCountsItsDetailsConvertsPaysOrCarries(TestDatabase database) {
        TestWorkspace ws = fixture.workspace()
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "CORE", "VOUCHER_QUOTA", "USD")
                .partner("P3", "CORE", "BANK_TRANSFER")
                .partner("P4", "CORE", "ACCOUNT", "EUR")
                .fxRates("2026-09,CNY,USD,0.14")
                .writeReference();
        Engine engine = fixture.engine(ws, database);
        engine.nightly("2026-10-02"); // an empty inbox: the reference data only
        // P1: its own September details, one available and one frozen, and an August detail available since
        detail(engine, "D1", "2026-09", "P1", "600.00", "AVAILABLE");
        detail(engine, "D2", "2026-09", "P1", "50.00", "FROZEN");
        detail(engine, "D3", "2026-08", "P1", "500.00", "AVAILABLE");
        // P2 settles in USD; P3 stays under the minimum payout; P4 settles in EUR, for which there is no rate
        detail(engine, "D4", "2026-09", "P2", "100.05", "AVAILABLE");
        detail(engine, "D5", "2026-09", "P3", "300.00", "AVAILABLE");
        detail(engine, "D6", "2026-09", "P4", "10.00", "AVAILABLE");

        List<String> problems = engine.bean(StatementGenerator.class).generate("2026-09",
                java.time.LocalDate.parse("2026-10-02"));

        assertThat(problems).containsExactly("partner P4: no exchange rate CNY to EUR for 2026-09 in "
                + "reference/fx-rates.csv — its statement for 2026-09 was not generated");
        // P1: available 600.00 + released 500.00 = 1100.00 due, at least the 1000 minimum: all payable; 50.00 frozen
        assertThat(statement(engine, "ST-202609-P1")).containsExactly("PENDING_CONFIRMATION", "CNY", "600", "50", "500",
                "1100", "0");
        // P2: 100.05 × 0.14 = 14.007 → 14.01 USD; a voucher quota has no minimum
        assertThat(statement(engine, "ST-202609-P2")).containsExactly("PENDING_CONFIRMATION", "USD", "14.01", "0", "0",
                "14.01", "0");
        // P3: 300.00 is under the 1000 minimum of a bank transfer: nothing payable, 300.00 carried to October
        assertThat(statement(engine, "ST-202609-P3")).containsExactly("PENDING_CONFIRMATION", "CNY", "300", "0", "0",
                "0", "300");
        assertThat(engine.count("SELECT COUNT(*) FROM statement WHERE partner_id = 'P4'")).isZero();
        // the statement keeps the details it counts, each in its role
        assertThat(engine.jdbc().queryForList("""
                SELECT detail_id || ' ' || role || ' ' || status FROM statement_detail
                 WHERE statement_id = 'ST-202609-P1' ORDER BY detail_id""", String.class))
                .containsExactly("D1 OWN AVAILABLE", "D2 OWN FROZEN", "D3 RELEASED_FROM_PRIOR AVAILABLE");
        // a non-preview statement closes the period for its partner: records of it ingested from now on are late
        assertThat(engine.count("SELECT COUNT(*) FROM period_close WHERE partner_id = 'P1' AND through_period = '2026-09'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStatementGeneratedWhileItsPeriodRunsIsAPreviewThatClosesNothing(TestDatabase database) {
        TestWorkspace ws = fixture.workspace().partner("P1", "CORE", "VOUCHER_QUOTA").writeReference();
        Engine engine = fixture.engine(ws, database);
        engine.nightly("2026-09-20");
        detail(engine, "D1", "2026-09", "P1", "12.34", "AVAILABLE");

        assertThat(engine.bean(StatementGenerator.class).generate("2026-09", java.time.LocalDate.parse("2026-09-20")))
                .isEmpty();

        assertThat(statement(engine, "ST-202609-P1")).containsExactly("ESTIMATED", "CNY", "12.34", "0", "0", "12.34", "0");
        assertThat(engine.count("SELECT COUNT(*) FROM period_close")).isZero();
    }

    /** An unsettled, not late, CASH detail of a REFERRAL customer, its amount as given. */
    private static void detail(Engine engine, String id, String period, String partner, String amount, String status) {
        engine.jdbc().update("""
                INSERT INTO incentive_detail (detail_id, period, partner_id, customer_id, association_type,
                    service_type_code, order_id, funding, currency, late, base, rate, original_amount, amount, status,
                    freeze_reason, record_count, computed_for_date)
                VALUES (?, ?, ?, 'C1', 'REFERRAL', 'hws.service.type.ec2', '', 'CASH', 'CNY', FALSE, ?, 1, ?, ?, ?, ?, 1,
                    DATE '2026-10-02')""", id, period, partner, new BigDecimal(amount), new BigDecimal(amount),
                new BigDecimal(amount), status, "FROZEN".equals(status) ? "MANUAL" : null);
    }

    /** Status, currency, available, frozen, released from prior, payable, carried out. */
    private static List<String> statement(Engine engine, String id) {
        Map<String, Object> s = engine.jdbc().queryForMap("""
                SELECT status, currency, available_total, frozen_total, released_from_prior, payable, carried_out
                  FROM statement WHERE statement_id = ?""", id);
        return s.values().stream().map(v -> v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                : String.valueOf(v).trim()).toList();
    }
}

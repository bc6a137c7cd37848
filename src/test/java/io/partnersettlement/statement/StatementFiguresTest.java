package io.partnersettlement.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A statement's arithmetic and conversion, from values only: no database, no Spring. */
class StatementFiguresTest {

    private static final BigDecimal MINIMUM = new BigDecimal("1000");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static CountedDetail counted(String role, String status, String settlementAmount) {
        return new CountedDetail("D", role, status, d(settlementAmount), d(settlementAmount), new Object[0]);
    }

    private static StatementFigures figures(String method, String carriedIn, CountedDetail... counted) {
        return StatementFigures.of(List.of(counted), d(carriedIn), method, MINIMUM);
    }

    @Test
    void totalsAddTheSettlementAmountsByRoleAndStatus() {
        StatementFigures f = figures("BANK_TRANSFER", "0",
                counted("OWN", "AVAILABLE", "600.00"), counted("OWN", "AVAILABLE", "0.01"),
                counted("OWN", "FROZEN", "50.00"), counted("RELEASED_FROM_PRIOR", "AVAILABLE", "500.00"),
                counted("PRIOR_PERIOD_ADJUSTMENT", "AVAILABLE", "-0.02"));
        // incentive total 600.00 + 0.01 + 50.00 = 650.01 = frozen 50.00 + available 600.01
        assertThat(f.incentiveTotal()).isEqualByComparingTo("650.01");
        assertThat(f.frozenTotal()).isEqualByComparingTo("50.00");
        assertThat(f.availableTotal()).isEqualByComparingTo("600.01");
        assertThat(f.releasedFromPrior()).isEqualByComparingTo("500.00");
        assertThat(f.priorPeriodAdjustments()).isEqualByComparingTo("-0.02");
        // due 600.01 + 500.00 − 0.02 + 0 = 1,099.99 ≥ 1,000: all payable
        assertThat(f.payable()).isEqualByComparingTo("1099.99");
        assertThat(f.carriedOut()).isEqualByComparingTo("0");
        assertThat(f.anything()).isTrue();
    }

    @Test
    void aBankTransferOrAccountBelowTheMinimumIsCarriedAndAtTheMinimumIsPaid() {
        // 999.99 < 1,000: nothing payable, 999.99 carried out
        StatementFigures below = figures("BANK_TRANSFER", "0", counted("OWN", "AVAILABLE", "999.99"));
        assertThat(below.payable()).isEqualByComparingTo("0");
        assertThat(below.carriedOut()).isEqualByComparingTo("999.99");
        assertThat(figures("ACCOUNT", "0", counted("OWN", "AVAILABLE", "999.99")).carriedOut())
                .isEqualByComparingTo("999.99");
        // exactly 1,000.00 is not below the minimum: paid
        StatementFigures at = figures("BANK_TRANSFER", "0", counted("OWN", "AVAILABLE", "1000.00"));
        assertThat(at.payable()).isEqualByComparingTo("1000.00");
        assertThat(at.carriedOut()).isEqualByComparingTo("0");
        // 700.00 carried in + 300.00 available = 1,000.00: paid
        StatementFigures carried = figures("BANK_TRANSFER", "700.00", counted("OWN", "AVAILABLE", "300.00"));
        assertThat(carried.carriedIn()).isEqualByComparingTo("700.00");
        assertThat(carried.payable()).isEqualByComparingTo("1000.00");
        // a voucher quota has no minimum: 14.01 payable
        assertThat(figures("VOUCHER_QUOTA", "0", counted("OWN", "AVAILABLE", "14.01")).payable())
                .isEqualByComparingTo("14.01");
    }

    @Test
    void aNegativeDueIsAClawbackCarriedWhateverTheMethod() {
        // refunds: −37.04 available + 20.00 released = −17.04 due: nothing payable, −17.04 carried out
        StatementFigures f = figures("VOUCHER_QUOTA", "0", counted("OWN", "AVAILABLE", "-37.04"),
                counted("RELEASED_FROM_PRIOR", "AVAILABLE", "20.00"));
        assertThat(f.payable()).isEqualByComparingTo("0");
        assertThat(f.carriedOut()).isEqualByComparingTo("-17.04");
    }

    @Test
    void aStatementHasSomethingToShowWhenItHasAnOwnDetailOrAReleasedLateOrCarriedAmount() {
        // an own detail of 0.00 (records netting to zero) is still something
        assertThat(figures("BANK_TRANSFER", "0", counted("OWN", "AVAILABLE", "0.00")).anything()).isTrue();
        assertThat(figures("BANK_TRANSFER", "0").anything()).isFalse();
        assertThat(figures("BANK_TRANSFER", "0", counted("RELEASED_FROM_PRIOR", "AVAILABLE", "0.00")).anything())
                .isFalse();
        assertThat(figures("BANK_TRANSFER", "0", counted("PRIOR_PERIOD_ADJUSTMENT", "AVAILABLE", "-1.00")).anything())
                .isTrue();
        assertThat(figures("BANK_TRANSFER", "-5.00").anything()).isTrue();
        assertThat(figures("BANK_TRANSFER", "-5.00").carriedOut()).isEqualByComparingTo("-5.00");
    }

    @Test
    void anEarlierDetailIsAnAdjustmentWhenLateAndReleasedOtherwise() {
        assertThat(StatementFigures.earlierRole(true)).isEqualTo(StatementFigures.PRIOR_PERIOD_ADJUSTMENT);
        assertThat(StatementFigures.earlierRole(false)).isEqualTo(StatementFigures.RELEASED_FROM_PRIOR);
    }

    @Test
    void aRunAfterThePeriodEndedMakesConfirmableStatementsAndInsideItPreviews() {
        assertThat(StatementFigures.freshStatus("2026-09", LocalDate.parse("2026-09-30")))
                .isEqualTo(StatementStatus.ESTIMATED);
        assertThat(StatementFigures.freshStatus("2026-09", LocalDate.parse("2026-10-01")))
                .isEqualTo(StatementStatus.PENDING_CONFIRMATION);
        // February of a leap year ends on the 29th
        assertThat(StatementFigures.freshStatus("2028-02", LocalDate.parse("2028-02-29")))
                .isEqualTo(StatementStatus.ESTIMATED);
    }

    @Test
    void conversionRoundsHalfUpWithTheRateOfTheAmountsOwnPeriod() {
        FxRates fx = new FxRates(Map.of(FxRates.key("2026-09", "CNY", "USD"), d("0.14"),
                FxRates.key("2026-08", "CNY", "USD"), d("0.13"), FxRates.key("2026-09", "CNY", "JPY"), d("20.5")));
        // 100.05 × 0.14 = 14.007 → 14.01
        assertThat(fx.convert(d("100.05"), "2026-09", "CNY", "USD")).isEqualByComparingTo("14.01");
        // 100.05 × 0.13 = 13.0065 → 13.01 (August's rate for an August detail)
        assertThat(fx.convert(d("100.05"), "2026-08", "CNY", "USD")).isEqualByComparingTo("13.01");
        // a refund: −100.05 × 0.14 = −14.007 → −14.01
        assertThat(fx.convert(d("-100.05"), "2026-09", "CNY", "USD")).isEqualByComparingTo("-14.01");
        // −0.25 CNY × 20.5 = −5.125 JPY → −5 (no minor unit)
        assertThat(fx.convert(d("-0.25"), "2026-09", "CNY", "JPY")).isEqualByComparingTo("-5").hasScaleOf(0);
        // the same currency: rate 1, rounded to the minor unit: 5.005 → 5.01
        assertThat(fx.convert(d("5.005"), "2026-09", "CNY", "CNY")).isEqualByComparingTo("5.01");
        // never an inverted rate
        assertThatThrownBy(() -> fx.convert(d("1"), "2026-09", "USD", "CNY"))
                .isInstanceOf(FxRates.MissingRateException.class)
                .hasMessage("no exchange rate USD to CNY for 2026-09 in reference/fx-rates.csv");
    }
}

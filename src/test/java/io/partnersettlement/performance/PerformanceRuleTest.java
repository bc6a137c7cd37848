package io.partnersettlement.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.performance.ConsumptionClassifier.Outcome;

/** The performance of classified consumption, from values only. */
class PerformanceRuleTest {

    private static final Classification CONSUMPTION =
            new Classification(Outcome.ATTRIBUTED, "CONSUMPTION", "P1", "REFERRAL", "M1");
    private static final Classification REFUND = new Classification(Outcome.ATTRIBUTED, "REFUND", "P1", "REFERRAL", "M1");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void consumptionCountsItsCashAndCreditPartsAsTheyAre() {
        // cash 80.00 + stored-value card 20.00 + credit 50.00 = 150.00
        assertThat(PerformanceRule.performance(CONSUMPTION, d("150.00"), d("150.00"))).isEqualByComparingTo("150.00");
        assertThat(PerformanceRule.signedPart(CONSUMPTION, d("12.34"), d("12.34"))).isEqualByComparingTo("12.34");
        assertThat(PerformanceRule.performance(CONSUMPTION, BigDecimal.ZERO, BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void aRefundSubtractsTheAbsoluteValueOfEachPartWhateverSignTheFileUsed() {
        // cash −10 and credit +5: −(|−10| + |5|) = −15
        assertThat(PerformanceRule.performance(REFUND, d("-5"), d("15"))).isEqualByComparingTo("-15");
        // a refund written with positive amounts subtracts all the same: −(12.50)
        assertThat(PerformanceRule.signedPart(REFUND, d("12.50"), d("12.50"))).isEqualByComparingTo("-12.50");
        assertThat(PerformanceRule.signedPart(REFUND, d("-12.50"), d("12.50"))).isEqualByComparingTo("-12.50");
    }

    @Test
    void whatIsNotAttributedCountsNothing() {
        for (Outcome outcome : new Outcome[] {Outcome.UNATTRIBUTED, Outcome.UNCLASSIFIED, Outcome.EXCLUDED,
            Outcome.COOLING_OFF, Outcome.STORED_VALUE_CARD, Outcome.LATE}) {
            Classification c = new Classification(outcome, "CONSUMPTION", null, null, "UNASSIGNED");
            assertThat(PerformanceRule.performance(c, d("100"), d("100"))).isEqualByComparingTo("0");
        }
        assertThat(PerformanceRule.performance(CONSUMPTION.late(), d("100"), d("100"))).isEqualByComparingTo("0");
    }

    @Test
    void otherConsumptionIsThePaymentLessTheCashAndCreditParts() {
        // paid 100.00, of it cash + credit 70.00: 30.00 by vouchers, coupons, bonus, …
        assertThat(PerformanceRule.otherConsumption(CONSUMPTION, d("100.00"), d("70.00"))).isEqualByComparingTo("30.00");
        // a refund of −100.00 with −70.00 cash: −|−100.00 − (−70.00)| = −30.00; written positive, the same −30.00
        assertThat(PerformanceRule.otherConsumption(REFUND, d("-100.00"), d("-70.00"))).isEqualByComparingTo("-30.00");
        assertThat(PerformanceRule.otherConsumption(REFUND, d("100.00"), d("70.00"))).isEqualByComparingTo("-30.00");
    }
}

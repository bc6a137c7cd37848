package io.partnersettlement.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.partnersettlement.incentive.MilestoneSplit.Milestone;

class IncentiveRulesTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void freezeReasonsTakeTheFirstOfManualCreditUnpaidMilestone() {
        assertThat(FreezeReason.first(true, true, true)).isEqualTo(FreezeReason.MANUAL);
        assertThat(FreezeReason.first(false, true, true)).isEqualTo(FreezeReason.CREDIT_UNPAID);
        assertThat(FreezeReason.first(false, false, true)).isEqualTo(FreezeReason.MILESTONE);
        assertThat(FreezeReason.first(false, false, false)).isNull();
    }

    @Test
    void aMilestoneSplitKeepsChildrenAndRemainderEqualToTheWhole() {
        // A = 111.11, ratios 0.3 and 0.3: released 33.333 → 33.33, then 66.666 → 66.67;
        // children 33.33 and 33.34, remainder 111.11 − 66.67 = 44.44
        var result = MilestoneSplit.split(d("111.11"), "CNY", List.of(new Milestone(1, d("0.3")), new Milestone(2, d("0.3"))));
        assertThat(result.invalid()).isFalse();
        assertThat(result.parts()).extracting(MilestoneSplit.Part::amount).containsExactly(d("33.33"), d("33.34"));
        assertThat(result.remainder()).isEqualByComparingTo("44.44");
    }

    @Test
    void aNegativeOddCentAmountSplitsToo() {
        // A = −0.03, one half released: −0.015 rounds away from zero to −0.02; remainder −0.01
        var result = MilestoneSplit.split(d("-0.03"), "CNY", List.of(new Milestone(1, d("0.5"))));
        assertThat(result.parts().get(0).amount()).isEqualByComparingTo("-0.02");
        assertThat(result.remainder()).isEqualByComparingTo("-0.01");
        // everything released: the remainder is exactly zero
        var all = MilestoneSplit.split(d("10.01"), "CNY", List.of(new Milestone(1, d("0.5")), new Milestone(2, d("0.5"))));
        assertThat(all.parts()).extracting(MilestoneSplit.Part::amount).containsExactly(d("5.01"), d("5.00"));
        assertThat(all.remainder().signum()).isZero();
    }

    @Test
    void ratiosAddingUpToMoreThanOneSplitNothing() {
        var result = MilestoneSplit.split(d("5.00"), "CNY", List.of(new Milestone(1, d("0.6")), new Milestone(2, d("0.5"))));
        assertThat(result.invalid()).isTrue();
        assertThat(result.parts()).isEmpty();
        assertThat(result.remainder()).isEqualByComparingTo("5.00");
    }
}

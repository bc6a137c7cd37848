package io.partnersettlement.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An operator's freeze and release of one detail, from values only: no database, no Spring. */
class ManualFreezeRuleTest {

    private static final String D = "D-202609-P1-0123456789ab";

    @Test
    void anUnsettledDetailThatNoOperatorFrozeMayBeFrozenWhateverItsStatus() {
        assertThat(ManualFreezeRule.freezeRefusal(D, DetailStatus.AVAILABLE, null, false)).isNull();
        // frozen for unpaid credit or a milestone: an operator may still freeze it
        assertThat(ManualFreezeRule.freezeRefusal(D, DetailStatus.FROZEN, null, false)).isNull();
    }

    @Test
    void aSettledReleasedOrAlreadyFrozenDetailIsRefusedTheFirstReasonFirst() {
        assertThat(ManualFreezeRule.freezeRefusal(D, DetailStatus.RELEASED, "ST-202609-P1", true))
                .isEqualTo("detail " + D + " is settled in statement ST-202609-P1: it can no longer be frozen");
        assertThat(ManualFreezeRule.freezeRefusal(D, DetailStatus.RELEASED, null, true)).isEqualTo("detail " + D
                + " is RELEASED (its whole amount was split into batch-unfrozen children): freeze the children instead");
        assertThat(ManualFreezeRule.freezeRefusal(D, DetailStatus.FROZEN, null, true))
                .isEqualTo("detail " + D + " is already frozen by an operator");
    }

    @Test
    void aReleaseLeavesTheNextReasonThatHoldsOrAnAvailableDetail() {
        assertThat(ManualFreezeRule.afterRelease(null)).isEqualTo(DetailStatus.AVAILABLE);
        assertThat(ManualFreezeRule.released(null)).isEqualTo("AVAILABLE");
        assertThat(ManualFreezeRule.afterRelease(FreezeReason.CREDIT_UNPAID)).isEqualTo(DetailStatus.FROZEN);
        assertThat(ManualFreezeRule.released(FreezeReason.CREDIT_UNPAID)).isEqualTo("FROZEN (CREDIT_UNPAID)");
        assertThat(ManualFreezeRule.released(FreezeReason.MILESTONE)).isEqualTo("FROZEN (MILESTONE)");
    }

    @Test
    void theReasonLeftAfterAReleaseIsUnpaidCreditThenAMilestoneParent() {
        // what the release reads: CREDIT funding not repaid, a parent of a milestone order
        assertThat(FreezeReason.first(false, FreezeFacts.creditUnpaid("CREDIT", false), true))
                .isEqualTo(FreezeReason.CREDIT_UNPAID);
        assertThat(FreezeReason.first(false, FreezeFacts.creditUnpaid("CREDIT", true), true))
                .isEqualTo(FreezeReason.MILESTONE);
        assertThat(FreezeReason.first(false, FreezeFacts.creditUnpaid("CASH", false), false)).isNull();
    }
}

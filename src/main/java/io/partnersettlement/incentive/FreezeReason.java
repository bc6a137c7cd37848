package io.partnersettlement.incentive;

/**
 * Why a detail is frozen (SPEC 6.2), in order of precedence: when several hold, the detail shows the first.
 */
public enum FreezeReason {
    /** 人工冻结: an operator froze it; only an operator releases it. */
    MANUAL,
    /** 授信未回款: credit-funded, and the customer's bill of the period is not known to be repaid by the business date. */
    CREDIT_UNPAID,
    /** A milestone order: released in batches as its milestone payments are collected. */
    MILESTONE;

    /** The reason a detail shows, or {@code null} when none holds. */
    public static FreezeReason first(boolean manual, boolean creditUnpaid, boolean milestone) {
        return manual ? MANUAL : creditUnpaid ? CREDIT_UNPAID : milestone ? MILESTONE : null;
    }
}

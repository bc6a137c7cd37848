package io.partnersettlement.incentive;

/**
 * An operator's freeze (人工冻结, SPEC 6.2) of one detail, from values only: when a freeze is refused, and what a
 * release leaves — the next reason that holds (CREDIT_UNPAID, then MILESTONE), or an available detail.
 */
final class ManualFreezeRule {

    private ManualFreezeRule() {
    }

    /**
     * @param settledStatementId the statement that settled the detail, or {@code null}
     * @param frozenByOperator   an operator's freeze holds the detail already
     * @return why an operator cannot freeze the detail, or {@code null} when the freeze may be made
     */
    static String freezeRefusal(String detailId, DetailStatus status, String settledStatementId,
            boolean frozenByOperator) {
        if (settledStatementId != null) {
            return "detail " + detailId + " is settled in statement " + settledStatementId
                    + ": it can no longer be frozen";
        }
        if (status == DetailStatus.RELEASED) {
            return "detail " + detailId + " is RELEASED (its whole amount was split into batch-unfrozen children): "
                    + "freeze the children instead";
        }
        return frozenByOperator ? "detail " + detailId + " is already frozen by an operator" : null;
    }

    /** The status a released detail shows with the reason that still holds ({@code null}: none). */
    static DetailStatus afterRelease(FreezeReason next) {
        return DetailStatus.of(next);
    }

    /** What a release answers the operator: the status, and the reason that holds in brackets. */
    static String released(FreezeReason next) {
        return afterRelease(next) + (next == null ? "" : " (" + next + ")");
    }
}

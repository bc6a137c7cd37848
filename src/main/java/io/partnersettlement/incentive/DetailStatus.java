package io.partnersettlement.incentive;

/** The state of an incentive detail in the ledger. */
public enum DetailStatus {
    /** Payable: the next confirmed statement of its partner settles it. */
    AVAILABLE,
    /** Not payable yet, for its freeze reason. */
    FROZEN,
    /** A milestone parent whose whole amount has been split off into batch-unfrozen children. */
    RELEASED;

    static DetailStatus of(FreezeReason reason) {
        return reason == null ? AVAILABLE : FROZEN;
    }
}

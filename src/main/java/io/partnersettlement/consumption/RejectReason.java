package io.partnersettlement.consumption;

/** Why a consumption line was rejected; a line with several faults gets the first of this order (SPEC section 4). */
public enum RejectReason {
    BAD_LINE, MISSING_VALUE, BAD_NUMBER, BAD_DATE, BAD_VALUE, AMOUNT_MISMATCH, DUPLICATE_ID, MISSING_COLUMN
}

package io.partnersettlement.statement;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The lifecycle of a reconciliation statement (SPEC 7.2). */
public enum StatementStatus {
    /** 预估: a preview while the period runs; cannot be confirmed. */
    ESTIMATED,
    /** 待确认 */
    PENDING_CONFIRMATION,
    /** 待会签 */
    PENDING_COUNTERSIGN,
    /** 会签中 */
    COUNTERSIGNING,
    /** 会签驳回: reopened; the next monthly run of the period regenerates it. */
    COUNTERSIGN_REJECTED,
    /** 待申付 */
    PENDING_PAYMENT_APPLICATION,
    /** 申付单创建失败 */
    PAYMENT_APPLICATION_FAILED,
    /** 发票审核: the invoice numbers are registered and the invoice is being reviewed. */
    INVOICE_REVIEW,
    /** 发票审核未通过: back to the partner with the reviewer's note; new invoice numbers bring it to review again. */
    INVOICE_REJECTED,
    /** 发放中 */
    DISBURSING,
    /** 发放成功 */
    PAID;

    /** The transitions an operator may make with {@code ./run.sh transition}; confirmation has its own command. */
    static final Map<StatementStatus, Set<StatementStatus>> OPERATOR_TRANSITIONS = Map.of(
            PENDING_COUNTERSIGN, EnumSet.of(COUNTERSIGNING),
            COUNTERSIGNING, EnumSet.of(COUNTERSIGN_REJECTED, PENDING_PAYMENT_APPLICATION),
            // DISBURSING straight away only when no invoice comes before payment (vouchers, owed invoices, nothing payable)
            PENDING_PAYMENT_APPLICATION, EnumSet.of(INVOICE_REVIEW, PAYMENT_APPLICATION_FAILED, DISBURSING),
            PAYMENT_APPLICATION_FAILED, EnumSet.of(PENDING_PAYMENT_APPLICATION),
            INVOICE_REVIEW, EnumSet.of(DISBURSING, INVOICE_REJECTED),
            DISBURSING, EnumSet.of(PAID));

    /** The states an operator may move a statement in this state to; the engine may still refuse one, saying why. */
    public Set<StatementStatus> operatorTransitions() {
        return OPERATOR_TRANSITIONS.getOrDefault(this, Set.of());
    }

    /** A statement a monthly run may regenerate: not confirmed, or reopened by a rejected countersign. */
    public boolean regenerable() {
        return this == ESTIMATED || this == PENDING_CONFIRMATION || this == COUNTERSIGN_REJECTED;
    }

    /** Confirmed and not reopened: its figures are final and the details it counts are settled in it. */
    public boolean confirmed() {
        return !regenerable();
    }
}

package io.partnersettlement.statement;

import java.time.LocalDate;
import java.util.Set;

/**
 * Which of an operator's transitions the lifecycle refuses (SPEC 7.2), and why, from values only: a transition that
 * is not allowed from the statement's state, payment before the invoice where the invoice comes first, a rejected
 * invoice without the reviewer's note, a payment without its date and reference.
 */
final class StatementTransitions {

    private StatementTransitions() {
    }

    /**
     * @param applicationId the statement's payment application ({@code PA-…} when it has none), named in a hint
     * @param invoiceFirst  the statement's application whose invoice comes before payment, or {@code null}
     * @param note          the operator's note, or {@code null}
     * @param paidOn        the payment date a transition to {@code PAID} records, or {@code null}
     * @param reference     the payment's reference, or {@code null}
     * @return why the transition from {@code from} to {@code to} is refused, or {@code null} when it may be made
     */
    static String refusal(String statementId, StatementStatus from, StatementStatus to, String applicationId,
            String invoiceFirst, String note, LocalDate paidOn, String reference) {
        if (from == StatementStatus.PENDING_CONFIRMATION && to == StatementStatus.PENDING_COUNTERSIGN) {
            return "confirm a statement with ./run.sh confirm --statements " + statementId;
        }
        Set<StatementStatus> allowed = StatementStatus.OPERATOR_TRANSITIONS.getOrDefault(from, Set.of());
        if (!allowed.contains(to)) {
            return statementId + " is " + from + ": it cannot go to " + to + " (" + hint(statementId, from, allowed,
                    applicationId) + ")";
        }
        if (invoiceFirst != null && from == StatementStatus.PENDING_PAYMENT_APPLICATION
                && (to == StatementStatus.INVOICE_REVIEW || to == StatementStatus.DISBURSING)) {
            return statementId + " waits for its invoice: register the numbers the partner filled in with ./run.sh "
                    + "invoices register --application " + invoiceFirst + " --file <the filled list>";
        }
        if (to == StatementStatus.INVOICE_REJECTED && (note == null || note.isBlank())) {
            return statementId + ": a rejected invoice goes back to the partner with the reviewer's note (--note TEXT)";
        }
        if (to == StatementStatus.PAID && (paidOn == null || reference == null || reference.isBlank())) {
            return statementId + ": PAID records the payment: --paid-on YYYY-MM-DD --reference REF";
        }
        return null;
    }

    /** What the operator may do instead, for a transition the state does not allow. */
    private static String hint(String statementId, StatementStatus from, Set<StatementStatus> allowed,
            String applicationId) {
        return switch (from) {
            case PENDING_CONFIRMATION -> "confirm it first: ./run.sh confirm --statements " + statementId;
            case ESTIMATED -> "it is a preview: the monthly run after the period ends makes it pending confirmation";
            case COUNTERSIGN_REJECTED -> "the next monthly run of its period regenerates it";
            case INVOICE_REJECTED -> "the partner's new invoice numbers bring it back to review: "
                    + "./run.sh invoices register --application " + applicationId + " --file <list>";
            case PAID -> "it is paid: nothing follows";
            default -> "allowed: " + allowed;
        };
    }
}

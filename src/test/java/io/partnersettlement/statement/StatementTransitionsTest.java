package io.partnersettlement.statement;

import static io.partnersettlement.statement.StatementStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The lifecycle's refusals of an operator's transition, from values only: no database, no Spring. */
class StatementTransitionsTest {

    private static final String ST = "ST-202609-P1";
    private static final LocalDate PAID_ON = LocalDate.parse("2026-10-20");

    private static String refusal(StatementStatus from, StatementStatus to) {
        return StatementTransitions.refusal(ST, from, to, "PA-202609-P1", null, null, null, null);
    }

    @Test
    void theAllowedTransitionsGoAhead() {
        assertThat(refusal(PENDING_COUNTERSIGN, COUNTERSIGNING)).isNull();
        assertThat(refusal(COUNTERSIGNING, COUNTERSIGN_REJECTED)).isNull();
        assertThat(refusal(COUNTERSIGNING, PENDING_PAYMENT_APPLICATION)).isNull();
        assertThat(refusal(PENDING_PAYMENT_APPLICATION, PAYMENT_APPLICATION_FAILED)).isNull();
        assertThat(refusal(PAYMENT_APPLICATION_FAILED, PENDING_PAYMENT_APPLICATION)).isNull();
        assertThat(refusal(INVOICE_REVIEW, DISBURSING)).isNull();
        assertThat(StatementTransitions.refusal(ST, DISBURSING, PAID, null, null, null, PAID_ON, "BANK-1")).isNull();
    }

    @Test
    void confirmationHasItsOwnCommand() {
        assertThat(refusal(PENDING_CONFIRMATION, PENDING_COUNTERSIGN))
                .isEqualTo("confirm a statement with ./run.sh confirm --statements ST-202609-P1");
    }

    @Test
    void aTransitionTheStateDoesNotAllowSaysWhatToDoInstead() {
        assertThat(refusal(PENDING_CONFIRMATION, PAID)).isEqualTo("ST-202609-P1 is PENDING_CONFIRMATION: it cannot go to "
                + "PAID (confirm it first: ./run.sh confirm --statements ST-202609-P1)");
        assertThat(refusal(ESTIMATED, COUNTERSIGNING)).endsWith("(it is a preview: the monthly run after the period ends "
                + "makes it pending confirmation)");
        assertThat(refusal(COUNTERSIGN_REJECTED, COUNTERSIGNING))
                .endsWith("(the next monthly run of its period regenerates it)");
        assertThat(refusal(INVOICE_REJECTED, DISBURSING)).endsWith("(the partner's new invoice numbers bring it back to "
                + "review: ./run.sh invoices register --application PA-202609-P1 --file <list>)");
        assertThat(refusal(PAID, DISBURSING)).endsWith("(it is paid: nothing follows)");
        assertThat(refusal(DISBURSING, INVOICE_REVIEW)).isEqualTo("ST-202609-P1 is DISBURSING: it cannot go to "
                + "INVOICE_REVIEW (allowed: [PAID])");
    }

    @Test
    void anInvoiceThatComesBeforePaymentHoldsTheReviewAndTheDisbursement() {
        String waits = "ST-202609-P1 waits for its invoice: register the numbers the partner filled in with ./run.sh "
                + "invoices register --application PA-202609-P1 --file <the filled list>";
        assertThat(StatementTransitions.refusal(ST, PENDING_PAYMENT_APPLICATION, INVOICE_REVIEW, "PA-202609-P1",
                "PA-202609-P1", null, null, null)).isEqualTo(waits);
        assertThat(StatementTransitions.refusal(ST, PENDING_PAYMENT_APPLICATION, DISBURSING, "PA-202609-P1",
                "PA-202609-P1", null, null, null)).isEqualTo(waits);
        // a failed application may still be recorded; an owed invoice (no invoice first) lets disbursement go ahead
        assertThat(StatementTransitions.refusal(ST, PENDING_PAYMENT_APPLICATION, PAYMENT_APPLICATION_FAILED,
                "PA-202609-P1", "PA-202609-P1", null, null, null)).isNull();
        assertThat(refusal(PENDING_PAYMENT_APPLICATION, DISBURSING)).isNull();
    }

    @Test
    void aRejectedInvoiceNeedsTheNoteAndAPaymentItsDateAndReference() {
        String noNote = "ST-202609-P1: a rejected invoice goes back to the partner with the reviewer's note (--note TEXT)";
        assertThat(refusal(INVOICE_REVIEW, INVOICE_REJECTED)).isEqualTo(noNote);
        assertThat(StatementTransitions.refusal(ST, INVOICE_REVIEW, INVOICE_REJECTED, null, null, "  ", null, null))
                .isEqualTo(noNote);
        assertThat(StatementTransitions.refusal(ST, INVOICE_REVIEW, INVOICE_REJECTED, null, null, "wrong tax id", null,
                null)).isNull();
        String noPayment = "ST-202609-P1: PAID records the payment: --paid-on YYYY-MM-DD --reference REF";
        assertThat(refusal(DISBURSING, PAID)).isEqualTo(noPayment);
        assertThat(StatementTransitions.refusal(ST, DISBURSING, PAID, null, null, null, PAID_ON, " ")).isEqualTo(noPayment);
        assertThat(StatementTransitions.refusal(ST, DISBURSING, PAID, null, null, null, null, "BANK-1"))
                .isEqualTo(noPayment);
    }
}

package io.partnersettlement.statement;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.reference.PartnerTerms;
import io.partnersettlement.run.LedgerLock;

/**
 * Confirmation and the later transitions of statements (SPEC 7.2). Every action is one transaction: it happens whole,
 * with its history entries, or not at all.
 */
@Component
public class StatementLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatementLifecycle.class);

    /** 单次操作账单数量最多不超过100个 */
    public static final int MAX_PER_ACTION = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LedgerLock lock;
    private final Clock clock;

    public StatementLifecycle(JdbcTemplate jdbc, TransactionTemplate transaction, LedgerLock lock, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lock = lock;
        this.clock = clock;
    }

    /** Confirms the statements, all or none; at most 100 in one action. */
    public void confirm(List<String> statementIds, String operator, String note) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(statementIds));
        if (ids.size() > MAX_PER_ACTION) {
            throw new EngineException("one confirmation takes at most " + MAX_PER_ACTION + " statements; " + ids.size()
                    + " were given: nothing was confirmed");
        }
        lock.holding("confirm " + String.join(",", ids) + " by " + operator, () -> transaction.executeWithoutResult(tx -> {
            List<String> refusals = new ArrayList<>();
            for (String id : ids) {
                String refusal = refusal(id);
                if (refusal != null) {
                    refusals.add(refusal);
                }
            }
            if (!refusals.isEmpty()) {
                throw new EngineException(String.join("; ", refusals) + " — nothing was confirmed");
            }
            Instant now = clock.instant();
            for (String id : ids) {
                settle(id);
                applyForPayment(id, now);
                change(id, StatementStatus.PENDING_CONFIRMATION, StatementStatus.PENDING_COUNTERSIGN, operator,
                        note != null ? note : "confirmed", now);
                CrashPoints.reach("confirm.statement");
            }
        }));
    }

    /**
     * Confirms every pending statement of the period, in successive actions of at most 100 statements; answers how many.
     * A period already confirmed answers 0: repeating the action (after a crash, say) is not an error.
     */
    public int confirmPeriod(String period, String operator) {
        return lock.holding("confirm --period " + period + " by " + operator, () -> confirmPeriodHeld(period, operator));
    }

    private int confirmPeriodHeld(String period, String operator) {
        List<String> pending = jdbc.queryForList(
                "SELECT statement_id FROM statement WHERE period = ? AND status = 'PENDING_CONFIRMATION' ORDER BY statement_id",
                String.class, period);
        if (pending.isEmpty()) {
            int previews = jdbc.queryForObject("SELECT COUNT(*) FROM statement WHERE period = ? AND status = 'ESTIMATED'",
                    Integer.class, period);
            int confirmed = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM statement WHERE period = ? AND status NOT IN ('ESTIMATED', 'PENDING_CONFIRMATION')""",
                    Integer.class, period);
            if (previews == 0 && confirmed > 0) {
                // repeating the action (after a crash, or from a schedule) finds it done: nothing to do, not an error
                return 0;
            }
            throw new EngineException(previews > 0
                    ? "the statements of " + period + " are previews (ESTIMATED: the period had not ended when they were "
                            + "generated); run ./run.sh monthly --period " + period + " after the period ends"
                    : "no statement of " + period + " is pending confirmation");
        }
        int actions = (pending.size() + MAX_PER_ACTION - 1) / MAX_PER_ACTION;
        for (int i = 0; i < actions; i++) {
            List<String> batch = pending.subList(i * MAX_PER_ACTION, Math.min(pending.size(), (i + 1) * MAX_PER_ACTION));
            confirm(batch, operator, "confirmed with the period, action " + (i + 1) + " of " + actions);
        }
        return pending.size();
    }

    /**
     * The nightly run's automatic confirmation of statements left pending past the deadline (generated business date
     * + the confirmation days); a statement that cannot be confirmed yet is skipped with a warning.
     */
    public List<String> autoConfirm(LocalDate businessDate, int confirmationDays) {
        List<String> confirmed = new ArrayList<>();
        for (String id : jdbc.queryForList("""
                SELECT statement_id FROM statement WHERE status = 'PENDING_CONFIRMATION' AND generated_for_date <= ?
                 ORDER BY period, statement_id""", String.class, Date.valueOf(businessDate.minusDays(confirmationDays)))) {
            // checked first: a refusal must not roll back the run's transaction
            String refusal = refusal(id);
            if (refusal != null) {
                log.warn("{} not confirmed automatically: {}", id, refusal);
                continue;
            }
            confirm(List.of(id), "nightly-run", "confirmed automatically: pending past the " + confirmationDays
                    + "-day deadline on business date " + businessDate);
            confirmed.add(id);
        }
        return confirmed;
    }

    /** How a statement was paid (付款进展): the payment date and the payment's reference. */
    public record Payment(LocalDate paidOn, String reference) {
    }

    /**
     * An operator's transition after confirmation: countersign, payment application, invoice review, disbursement.
     * Answers false when the statement already has the status: repeating an action (after a crash) changes nothing.
     */
    public boolean transition(String statementId, StatementStatus to, String operator, String note) {
        return transition(statementId, to, operator, note, null);
    }

    /** As {@link #transition(String, StatementStatus, String, String)}; {@code PAID} needs the payment. */
    public boolean transition(String statementId, StatementStatus to, String operator, String note, Payment payment) {
        return lock.holding("transition " + statementId + " --to " + to + " by " + operator,
                () -> Boolean.TRUE.equals(transaction.execute(tx -> {
            StatementStatus from = status(statementId);
            if (from == to) {
                return false;
            }
            String refusal = StatementTransitions.refusal(statementId, from, to, applicationOf(statementId),
                    invoiceBeforePayment(statementId), note, payment == null ? null : payment.paidOn(),
                    payment == null ? null : payment.reference());
            if (refusal != null) {
                throw new EngineException(refusal);
            }
            if (to == StatementStatus.COUNTERSIGN_REJECTED) {
                reopen(statementId);
            }
            if (to == StatementStatus.INVOICE_REJECTED) {
                invoiceRejected(applicationOf(statementId), note);
            }
            if (from == StatementStatus.INVOICE_REVIEW && to == StatementStatus.DISBURSING) {
                jdbc.update("UPDATE payment_application SET invoice_status = 'ACCEPTED', list_stale = TRUE WHERE statement_id = ?",
                        statementId);
            }
            String recorded = note;
            if (to == StatementStatus.PAID) {
                paid(statementId, payment);
                recorded = "paid on " + payment.paidOn() + ", reference " + payment.reference()
                        + (note == null || note.isBlank() ? "" : "; " + note);
            }
            change(statementId, from, to, operator, recorded, clock.instant());
            CrashPoints.reach("transition.changed");
            return true;
        })));
    }

    /**
     * The reviewer rejected the application's invoice: its numbers are spent (a number is never used again), the list
     * carries the note back to the partner, and new numbers are awaited.
     */
    public void invoiceRejected(String applicationId, String note) {
        jdbc.update("UPDATE invoice_number SET rejected = TRUE WHERE application_id = ? AND rejected = FALSE", applicationId);
        jdbc.update("""
                UPDATE payment_application SET invoice_status = 'REJECTED', review_note = ?, list_stale = TRUE
                 WHERE application_id = ?""", note, applicationId);
    }

    /** The partner's invoice numbers are all registered: the statement's invoice goes to review (发票审核). */
    public void invoiceRegistered(String statementId, String operator, String note) {
        lock.holding("invoice review " + statementId + " by " + operator, () -> transaction.executeWithoutResult(tx -> {
            StatementStatus from = status(statementId);
            if (from != StatementStatus.PENDING_PAYMENT_APPLICATION && from != StatementStatus.INVOICE_REJECTED) {
                throw new EngineException(statementId + " is " + from + ": its invoice cannot go to review");
            }
            change(statementId, from, StatementStatus.INVOICE_REVIEW, operator, note, clock.instant());
        }));
    }

    /**
     * Records an invoice event of a statement whose status does not change (an owed invoice registered, rejected or
     * accepted after payment) in its history; the partner's workbooks are rewritten, as they list its owed invoices.
     */
    public void recordInvoiceEvent(String statementId, String operator, String note) {
        StatementStatus status = status(statementId);
        jdbc.update("""
                INSERT INTO statement_history (statement_id, changed_at, changed_by, from_status, to_status, note)
                VALUES (?, ?, ?, ?, ?, ?)""", statementId, Timestamp.from(clock.instant()), operator, status.name(),
                status.name(), note);
        jdbc.update("""
                UPDATE statement SET workbook_stale = TRUE
                 WHERE partner_id = (SELECT partner_id FROM statement WHERE statement_id = ?)""", statementId);
    }

    /** Payment progress: the date and reference; an owed invoice (记欠票) is owed from the day of payment. */
    private void paid(String statementId, Payment payment) {
        jdbc.update("UPDATE statement SET paid_on = ?, payment_reference = ? WHERE statement_id = ?",
                Date.valueOf(payment.paidOn()), payment.reference().strip(), statementId);
        int owed = jdbc.update("""
                UPDATE payment_application SET owed_since = ?, list_stale = TRUE
                 WHERE statement_id = ? AND disbursement_method = 'ACCOUNT_INVOICE_OWED'""",
                Date.valueOf(payment.paidOn()), statementId);
        if (owed > 0) {
            // every workbook of the partner lists what it owes
            jdbc.update("""
                    UPDATE statement SET workbook_stale = TRUE
                     WHERE partner_id = (SELECT partner_id FROM statement WHERE statement_id = ?)""", statementId);
        }
    }

    /** The application of a statement whose invoice comes before payment, or {@code null}. */
    private String invoiceBeforePayment(String statementId) {
        return jdbc.queryForList("""
                SELECT application_id FROM payment_application
                 WHERE statement_id = ? AND disbursement_method <> 'ACCOUNT_INVOICE_OWED'""", String.class, statementId)
                .stream().findFirst().orElse(null);
    }

    private String applicationOf(String statementId) {
        return jdbc.queryForList("SELECT application_id FROM payment_application WHERE statement_id = ?", String.class,
                statementId).stream().findFirst().orElse("PA-…");
    }

    /** A rejected countersign reopens the statement: what it settled is unsettled, later statements must regenerate. */
    private void reopen(String statementId) {
        Map<String, Object> s = jdbc.queryForMap("SELECT partner_id, period FROM statement WHERE statement_id = ?",
                statementId);
        int laterConfirmed = jdbc.queryForObject("""
                SELECT COUNT(*) FROM statement WHERE partner_id = ? AND period > ?
                   AND status NOT IN ('ESTIMATED', 'PENDING_CONFIRMATION', 'COUNTERSIGN_REJECTED')""", Integer.class,
                s.get("partner_id"), s.get("period"));
        if (laterConfirmed > 0) {
            throw new EngineException(statementId + ": a later statement of partner " + s.get("partner_id")
                    + " is confirmed, so this countersign can no longer be rejected");
        }
        jdbc.update("UPDATE incentive_detail SET settled_statement_id = NULL WHERE settled_statement_id = ?", statementId);
        // the application is withdrawn with the rejection; a new one comes with the next confirmation
        jdbc.update("DELETE FROM payment_application WHERE statement_id = ?", statementId);
        jdbc.update("UPDATE statement SET predecessor_confirmed = FALSE, workbook_stale = TRUE WHERE partner_id = ? AND period > ?",
                s.get("partner_id"), s.get("period"));
        jdbc.update("""
                UPDATE performance_period SET status = 'ESTIMATED', workbook_stale = TRUE
                 WHERE partner_id = ? AND period = ?""",
                s.get("partner_id"), s.get("period"));
    }

    /** Why a statement cannot be confirmed now, or {@code null}. */
    private String refusal(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT status, partner_id, period, predecessor_confirmed FROM statement WHERE statement_id = ?", id);
        if (rows.isEmpty()) {
            return "no statement " + id;
        }
        Map<String, Object> s = rows.get(0);
        StatementStatus status = StatementStatus.valueOf((String) s.get("status"));
        if (status == StatementStatus.ESTIMATED) {
            return id + " is a preview (ESTIMATED): it cannot be confirmed";
        }
        if (status != StatementStatus.PENDING_CONFIRMATION) {
            return id + " is " + status + ", not PENDING_CONFIRMATION";
        }
        List<String> earlier = jdbc.queryForList("""
                SELECT statement_id FROM statement WHERE partner_id = ? AND period < ?
                   AND status IN ('ESTIMATED', 'PENDING_CONFIRMATION', 'COUNTERSIGN_REJECTED') ORDER BY period""",
                String.class, s.get("partner_id"), s.get("period"));
        if (!earlier.isEmpty()) {
            return id + ": confirm " + earlier.get(0) + " first (a partner's statements are confirmed in period order)";
        }
        if (!Boolean.TRUE.equals(s.get("predecessor_confirmed"))) {
            return id + " was generated before the partner's previous statement was confirmed: regenerate it with "
                    + "./run.sh monthly --period " + s.get("period");
        }
        int stale = jdbc.queryForObject("""
                SELECT COUNT(*) FROM statement_detail x JOIN incentive_detail d ON d.detail_id = x.detail_id
                 WHERE x.statement_id = ? AND (d.settled_statement_id IS NOT NULL OR d.status <> x.status
                       OR d.amount <> x.amount OR COALESCE(d.freeze_reason, '') <> COALESCE(x.freeze_reason, ''))""",
                Integer.class, id);
        if (stale > 0) {
            return id + ": " + stale + " of the details it counts changed since it was generated (settled elsewhere, "
                    + "frozen, released or recomputed): regenerate it with ./run.sh monthly --period " + s.get("period");
        }
        return null;
    }

    /** Marks every detail the statement counts as available as settled in it; the period's performance is final. */
    private void settle(String id) {
        int counted = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT detail_id) FROM statement_detail WHERE statement_id = ? AND status = 'AVAILABLE'", Integer.class, id);
        // compare-and-set: a detail settled meanwhile by another statement is never taken over
        int settled = jdbc.update("""
                UPDATE incentive_detail SET settled_statement_id = ?
                 WHERE detail_id IN (SELECT detail_id FROM statement_detail WHERE statement_id = ? AND status = 'AVAILABLE')
                   AND settled_statement_id IS NULL""",
                id, id);
        if (settled != counted) {
            throw new EngineException(id + ": " + (counted - settled) + " of the details it counts were settled "
                    + "meanwhile by another action — nothing was confirmed");
        }
        jdbc.update("""
                UPDATE performance_period SET status = 'FINAL', workbook_stale = TRUE
                 WHERE partner_id = (SELECT partner_id FROM statement WHERE statement_id = ?)
                   AND period = (SELECT period FROM statement WHERE statement_id = ?)""", id, id);
    }

    /**
     * A statement of a BANK_TRANSFER or ACCOUNT partner confirmed with a payable amount gets its payment application
     * (申付单), whose invoice list the partner prepares the VAT invoice from during countersign. An ACCOUNT_INVOICE_OWED
     * partner gets one too: it is paid first and owes the invoice of that list (返华为云账户-记欠票).
     */
    private void applyForPayment(String statementId, Instant at) {
        jdbc.update("""
                INSERT INTO payment_application (application_id, statement_id, partner_id, period, currency, payable, created_at,
                                                 disbursement_method)
                SELECT 'PA-' || REPLACE(s.period, '-', '') || '-' || s.partner_id, s.statement_id, s.partner_id, s.period,
                       s.currency, s.payable, ?, t.disbursement_method
                  FROM statement s JOIN partner_term t ON %s
                 WHERE s.statement_id = ? AND s.payable > 0
                   AND t.disbursement_method IN ('BANK_TRANSFER', 'ACCOUNT', 'ACCOUNT_INVOICE_OWED')
                   AND NOT EXISTS (SELECT 1 FROM payment_application a WHERE a.statement_id = s.statement_id)"""
                .formatted(PartnerTerms.IN_EFFECT_FOR.formatted("s")),
                Timestamp.from(at), statementId);
    }

    private StatementStatus status(String id) {
        List<String> status = jdbc.queryForList("SELECT status FROM statement WHERE statement_id = ?", String.class, id);
        if (status.isEmpty()) {
            throw new EngineException("no statement " + id);
        }
        return StatementStatus.valueOf(status.get(0));
    }

    private void change(String id, StatementStatus from, StatementStatus to, String operator, String note, Instant at) {
        // compare-and-set: a status changed by another action since it was read is never overwritten
        int changed = jdbc.update("UPDATE statement SET status = ?, workbook_stale = TRUE WHERE statement_id = ? AND status = ?",
                to.name(), id, from.name());
        if (changed != 1) {
            throw new EngineException(id + " is no longer " + from + " (another action changed it meanwhile): it was "
                    + "not moved to " + to + " and nothing was changed");
        }
        jdbc.update("""
                INSERT INTO statement_history (statement_id, changed_at, changed_by, from_status, to_status, note)
                VALUES (?, ?, ?, ?, ?, ?)""", id, Timestamp.from(at), operator, from.name(), to.name(), note);
    }
}

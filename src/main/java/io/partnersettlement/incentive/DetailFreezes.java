package io.partnersettlement.incentive;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.LedgerLock;

/**
 * Operators' freezes (人工冻结) and releases of single details. Each is one transaction with its record of who, when and
 * why; a manual freeze survives every recomputation until an operator releases it.
 */
@Component
public class DetailFreezes {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LedgerLock lock;
    private final Clock clock;

    public DetailFreezes(JdbcClient jdbc, TransactionTemplate transaction, LedgerLock lock, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lock = lock;
        this.clock = clock;
    }

    private record DetailState(String status, String freezeReason, String settledStatementId) {
    }

    public void freeze(String detailId, String reason, String operator) {
        if (reason == null || reason.isBlank()) {
            throw new EngineException("a manual freeze needs a reason (--reason TEXT)");
        }
        lock.holding("freeze " + detailId + " by " + operator, () -> transaction.executeWithoutResult(tx -> {
            DetailState state = state(detailId);
            boolean frozenByOperator = jdbc.sql("SELECT COUNT(*) FROM manual_freeze WHERE detail_id = :id")
                    .param("id", detailId).query(Integer.class).single() > 0;
            String refusal = ManualFreezeRule.freezeRefusal(detailId, DetailStatus.valueOf(state.status()),
                    state.settledStatementId(), frozenByOperator);
            if (refusal != null) {
                throw new EngineException(refusal);
            }
            Instant now = clock.instant();
            jdbc.sql("INSERT INTO manual_freeze (detail_id, reason, frozen_by, frozen_at) VALUES (:id, :reason, :by, :at)")
                    .param("id", detailId).param("reason", reason).param("by", operator)
                    .param("at", Timestamp.from(now)).update();
            changeStatus(detailId, state, "FROZEN", "MANUAL");
            record(detailId, "FREEZE", reason, operator, now, state.status(), "FROZEN");
        }));
    }

    /** Releases an operator's freeze; the detail then shows the next reason that holds, or becomes available. */
    public String release(String detailId, String operator, LocalDate businessDate) {
        return lock.holding("release " + detailId + " by " + operator, () -> transaction.execute(tx -> {
            DetailState state = state(detailId);
            if (jdbc.sql("DELETE FROM manual_freeze WHERE detail_id = :id").param("id", detailId).update() == 0) {
                throw new EngineException("detail " + detailId + " is not frozen by an operator (status " + state.status()
                        + (state.freezeReason() == null ? "" : ", " + state.freezeReason()) + "): nothing to release");
            }
            FreezeReason next = nextReason(detailId, businessDate);
            String status = ManualFreezeRule.afterRelease(next).name();
            changeStatus(detailId, state, status, next == null ? null : next.name());
            record(detailId, "RELEASE", null, operator, clock.instant(), state.status(), status);
            return ManualFreezeRule.released(next);
        }));
    }

    /** Compare-and-set: the detail still has the status, reason and settlement it was read with, or nothing changes. */
    private void changeStatus(String detailId, DetailState was, String status, String reason) {
        String sql = was.freezeReason() == null ? """
                UPDATE incentive_detail SET status = :status, freeze_reason = :reason
                 WHERE detail_id = :id AND status = :was AND settled_statement_id IS NULL AND freeze_reason IS NULL"""
                : """
                UPDATE incentive_detail SET status = :status, freeze_reason = :reason
                 WHERE detail_id = :id AND status = :was AND settled_statement_id IS NULL AND freeze_reason = :wasReason""";
        var update = jdbc.sql(sql).param("status", status).param("reason", reason).param("id", detailId)
                .param("was", was.status());
        int changed = (was.freezeReason() == null ? update : update.param("wasReason", was.freezeReason())).update();
        if (changed != 1) {
            throw new EngineException("detail " + detailId + " changed while this action ran (it was " + was.status()
                    + "): nothing was changed");
        }
    }

    /** The reason that holds once the manual freeze is gone: CREDIT_UNPAID, then MILESTONE (parents only). */
    private FreezeReason nextReason(String detailId, LocalDate businessDate) {
        return jdbc.sql("""
                SELECT d.funding,
                       EXISTS (SELECT 1 FROM credit_repayment r WHERE r.customer_id = d.customer_id
                                  AND r.bill_cycle = d.period AND r.repaid_on <= :date) AS repaid,
                       d.parent_detail_id IS NULL AND d.order_id <> ''
                           AND EXISTS (SELECT 1 FROM milestone m WHERE m.order_id = d.order_id) AS milestone_parent
                  FROM incentive_detail d WHERE d.detail_id = :id""")
                .param("date", Date.valueOf(businessDate)).param("id", detailId)
                .query((rs, n) -> FreezeReason.first(false, FreezeFacts.creditUnpaid(rs.getString(1), rs.getBoolean(2)),
                        rs.getBoolean(3)))
                .list().stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private DetailState state(String detailId) {
        return jdbc.sql("SELECT status, freeze_reason, settled_statement_id FROM incentive_detail WHERE detail_id = :id")
                .param("id", detailId)
                .query((rs, n) -> new DetailState(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new EngineException("no incentive detail " + detailId));
    }

    private void record(String detailId, String action, String reason, String operator, Instant at, String from,
            String to) {
        jdbc.sql("""
                INSERT INTO detail_action (detail_id, action, reason, operator, acted_at, from_status, to_status)
                VALUES (:id, :action, :reason, :operator, :at, :from, :to)""")
                .param("id", detailId).param("action", action).param("reason", reason).param("operator", operator)
                .param("at", Timestamp.from(at)).param("from", from).param("to", to).update();
    }
}

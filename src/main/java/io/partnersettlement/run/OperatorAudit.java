package io.partnersettlement.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.EngineException;

/**
 * The audit trail of operators' actions (confirm, transition, freeze, release, rerun, restart): who, when, what, on
 * what, with which parameters and note, and the outcome. A successful action and its record commit together; a
 * refused or failed action is recorded with its reason and changes nothing else.
 */
@Component
public class OperatorAudit {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LedgerLock lock;
    private final Clock clock;

    public OperatorAudit(JdbcClient jdbc, TransactionTemplate transaction, LedgerLock lock, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lock = lock;
        this.clock = clock;
    }

    /** What an action was. */
    public record Action(String operator, String action, String subject, String parameters, String note) {

        /** The action as the ledger's holder is shown to whoever waits for it. */
        public String describe() {
            return action.toLowerCase(Locale.ROOT).replace('_', ' ') + " " + subject + " by " + operator;
        }
    }

    /**
     * Runs {@code work} holding the ledger, and records it in the same transaction; a refusal is recorded on its own and
     * rethrown. The ledger is taken before the transaction begins and given up after it commits, so the next holder
     * sees the action whole.
     */
    public <T> T record(Action action, Supplier<T> work, Function<T, String> outcome) {
        try {
            return lock.holding(action.describe(), () -> recordHeld(action, work, outcome));
        } catch (EngineException e) {
            if (!lock.heldByCurrentThread() && e.getMessage().startsWith("the ledger is held by")) {
                insert(action, "refused: " + e.getMessage());
            }
            throw e;
        }
    }

    private <T> T recordHeld(Action action, Supplier<T> work, Function<T, String> outcome) {
        try {
            return transaction.execute(tx -> {
                T result = work.get();
                insert(action, outcome.apply(result));
                CrashPoints.reach("audit.recorded");
                return result;
            });
        } catch (RuntimeException e) {
            insert(action, (e instanceof EngineException ? "refused: " : "failed: ") + e.getMessage());
            throw e;
        }
    }

    /** Records an action that runs in transactions of its own (a job run), after the fact. */
    public void recordDone(Action action, String outcome) {
        insert(action, outcome);
    }

    private void insert(Action action, String outcome) {
        jdbc.sql("""
                INSERT INTO operator_action (acted_at, operator, action, subject, parameters, note, outcome)
                VALUES (:at, :operator, :action, :subject, :parameters, :note, :outcome)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("operator", action.operator())
                .param("action", action.action())
                .param("subject", cut(action.subject(), 200))
                .param("parameters", cut(action.parameters(), 2000))
                .param("note", cut(action.note(), 2000))
                .param("outcome", cut(outcome, 2000))
                .update();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

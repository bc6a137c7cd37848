package io.partnersettlement.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.support.Cli;

/**
 * The console and a command acting at the same moment follow the ledger lock: while {@code ./run.sh monthly --dry-run}
 * holds the ledger, the console's confirmation waits for it and goes through once the dry run has given it up; both are
 * in the audit log, in the order they held the ledger, and nothing is lost. Statement used: ST-202609-P005.
 */
class ConsoleLedgerOrderTest {

    @Test
    void aConsoleActionWaitsForTheCommandHoldingTheLedger() throws Exception {
        ConsoleFixture console = ConsoleFixture.shared();
        LedgerLock lock = console.context.getBean(LedgerLock.class);
        OperatorActions actions = console.context.getBean(OperatorActions.class);
        long before = console.jdbc().queryForObject("SELECT COALESCE(MAX(action_id), 0) FROM operator_action", Long.class);

        // the command: a dry run of 2026-09, which holds the ledger while it computes the period and writes previews
        CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> Cli.run(console.workspace, null,
                "monthly", "--period", "2026-09", "--date", "2026-11-02", "--dry-run", "--operator", "kim"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean seenHeld = false;
        while (!command.isDone() && System.nanoTime() < deadline) {
            if (lock.holder().filter(h -> h.command().contains("--dry-run")).isPresent()) {
                seenHeld = true;
                break;
            }
            Thread.sleep(5);
        }
        assertThat(seenHeld).as("the dry run was seen holding the ledger").isTrue();

        // the console acts meanwhile: it waits for the ledger, then confirms
        var confirmation = actions.confirm(List.of("ST-202609-P005"), ConsoleFixture.OPERATOR, "while a dry run ran");
        assertThat(confirmation.confirmed()).containsExactly("ST-202609-P005");
        assertThat(command.get(120, TimeUnit.SECONDS)).isZero();

        assertThat(console.status("ST-202609-P005")).isEqualTo("PENDING_COUNTERSIGN");
        // one after the other: the dry run's record first, then the console's confirmation; neither lost
        assertThat(console.jdbc().queryForList("""
                SELECT operator || ' ' || action || ' ' || subject FROM operator_action
                 WHERE action_id > ? AND action IN ('DRY_RUN', 'CONFIRM') AND operator IN ('kim', 'operator')
                   AND (subject = 'monthly 2026-09' OR subject = 'ST-202609-P005')
                 ORDER BY action_id""", String.class, before))
                .containsExactly("kim DRY_RUN monthly 2026-09", "operator CONFIRM ST-202609-P005");
        assertThat(lock.holder()).isEmpty();
    }
}

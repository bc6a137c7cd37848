package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;

/**
 * The ledger lock between two nodes (two engines with their own node ids on one database): the second waits, saying
 * for what, and is refused naming the holder when its wait ends; once the holder is gone without giving the lock up,
 * the second takes it over when the lease has ended — not before.
 */
class LedgerLockTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondNodeWaitsIsRefusedNamingTheHolderAndTakesOverOnlyAfterTheLease(TestDatabase database) {
        String url = database.freshUrl();
        // the lease and heartbeat are the tests' (pom.xml)
        Map<String, Object> fast = Map.of("settlement.ledger.progress-every", "300ms");
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (Engine b = new Engine(dir, url, with(fast, "node-b", "1s"));
                Engine c = new Engine(dir, url, with(fast, "node-c", "60s"))) {
            Engine a = new Engine(dir, url, with(fast, "node-a", "1s"));
            LedgerLock first = a.bean(LedgerLock.class);
            LedgerLock second = b.bean(LedgerLock.class);
            first.acquire("monthly --period 2026-09");
            System.setErr(new PrintStream(said, true));
            // held and renewed: waiting 1 s (three progress lines) ends in a refusal naming the holder
            assertThatThrownBy(() -> second.acquire("confirm --period 2026-09"))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("the ledger is held by 'monthly --period 2026-09' on node node-a (host ")
                    .hasMessageContaining("'confirm --period 2026-09' refused after waiting 1 s");
            assertThat(said.toString()).contains("waiting for the ledger: 'confirm --period 2026-09' waits for "
                    + "'monthly --period 2026-09' on node node-a");
            // renewed by the heartbeat: its lease moves on
            var before = second.holder().orElseThrow().leaseUntil();
            sleep(a.bean(LedgerSettings.class).heartbeat().toMillis() * 3 / 2 + 200);
            assertThat(second.holder()).hasValueSatisfying(h -> {
                assertThat(h.nodeId()).isEqualTo("node-a");
                assertThat(h.expired()).isFalse();
                assertThat(h.leaseUntil()).isAfter(before);
            });
            // node A stops without giving the ledger up (its heartbeat ends with it): B takes over after the lease
            a.close();
            long start = System.nanoTime();
            LedgerLock patient = c.bean(LedgerLock.class);
            patient.holding("confirm --period 2026-09", () -> {
                assertThat(patient.holder()).hasValueSatisfying(h -> assertThat(h.nodeId()).isEqualTo("node-c"));
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(said.toString()).contains("took the ledger over from 'monthly --period 2026-09'");
            long lease = c.bean(LedgerSettings.class).lease().toMillis();
            assertThat(millis).as("taken over within the lease and a poll").isLessThan(lease + 1_500);
            System.out.println(database + ": node-c took the ledger over " + millis + " ms after node-a stopped (lease "
                    + lease + " ms)");
            assertThat(patient.holder()).isEmpty();
        } finally {
            System.setErr(err);
            TestDatabase.dropIfPostgres(url);
        }
        err.println(said);
    }

    private static Map<String, Object> with(Map<String, Object> fast, String node, String wait) {
        Map<String, Object> all = new java.util.HashMap<>(fast);
        all.put("settlement.ledger.node-id", node);
        all.put("settlement.ledger.lock-wait", wait);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

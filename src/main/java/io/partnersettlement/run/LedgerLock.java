package io.partnersettlement.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.EngineException;

/**
 * The ledger changes in one order: every command that writes it — nightly, monthly, rerun, restart, abandon, dry run,
 * confirm, transition, freeze, release, a scheduler's runs, and any other caller — does its work while holding the
 * one row of {@code ledger_lock}, whichever process or machine it runs on.
 * <p>
 * The holder is a node (node id, host name, process id) with a lease: a heartbeat renews it every
 * {@link LedgerSettings#heartbeat()} while the work goes on, and a holder whose lease ended is dead wherever it ran, so
 * any node may take the row over. Lease times are the database's ({@code CURRENT_TIMESTAMP}), never a node's clock: a
 * skew between nodes' clocks changes nothing. A node that could not renew its lease for a whole lease (measured on its
 * own monotonic clock from before its last successful renewal was sent, so it stops before the database counts it
 * dead) stops at once rather than write beside a node that took over.
 * <p>
 * A command that finds the ledger held waits for it, up to {@link LedgerSettings#lockWait()}, saying every
 * {@link LedgerSettings#progressEvery()} what it waits for; then it is refused naming the holder. Within one process
 * the lock is reentrant for the thread that holds it, and other threads queue behind it.
 */
@Component
public class LedgerLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerLock.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss XXX");

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final LedgerSettings settings;
    private final String node;
    private final String host = RunOwner.host();
    private final long pid = ProcessHandle.current().pid();
    private final ReentrantLock local = new ReentrantLock(true);
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ledger-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile Hold hold;

    /** This process's claim: its token, what it does, when its last renewal was sent (monotonic clock). */
    private static final class Hold {
        final String token;
        final String command;
        volatile Long executionId;
        volatile long renewedNanos;
        volatile boolean renewalFailing;
        ScheduledFuture<?> beat;

        Hold(String token, String command, long renewedNanos) {
            this.token = token;
            this.command = command;
            this.renewedNanos = renewedNanos;
        }
    }

    /** Who holds the ledger, as the database says. */
    public record Holder(String nodeId, String host, long pid, String command, Long executionId,
            OffsetDateTime acquiredAt, OffsetDateTime leaseUntil, boolean expired) {

        public String describe() {
            return "'" + command + "'" + (executionId == null ? "" : " (execution " + executionId + ")") + " on node "
                    + nodeId + " (host " + host + ", process " + pid + ") since " + format(acquiredAt) + ", lease until "
                    + format(leaseUntil) + (expired ? " — ended" : "");
        }
    }

    public LedgerLock(JdbcClient jdbc, PlatformTransactionManager transactionManager, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.node = settings.node();
        // every statement on the lock commits at once, in a transaction of its own, whatever the caller is inside of
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Does {@code work} holding the ledger; {@code command} says what, for anyone who waits meanwhile. */
    public <T> T holding(String command, Supplier<T> work) {
        acquire(command);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    public void holding(String command, Runnable work) {
        holding(command, () -> {
            work.run();
            return null;
        });
    }

    /** True when the calling thread holds the ledger. */
    public boolean heldByCurrentThread() {
        return local.isHeldByCurrentThread() && hold != null;
    }

    /** This node's name, as leases record it. */
    public String node() {
        return node;
    }

    /** The holder of the ledger, if any. */
    public Optional<Holder> holder() {
        return own.execute(tx -> jdbc.sql("""
                SELECT node_id, host, pid, command, execution_id, acquired_at, lease_until,
                       CASE WHEN lease_until < CURRENT_TIMESTAMP THEN 1 ELSE 0 END
                  FROM ledger_lock WHERE lock_id = 1 AND token IS NOT NULL""")
                .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class), rs.getInt(8) == 1))
                .optional());
    }

    /** Takes the ledger for this thread, waiting for it as configured; refuses naming the holder when the wait ends. */
    public void acquire(String command) {
        CrashPoints.reach("ledger.acquiring");
        long start = System.nanoTime();
        long deadline = start + settings.lockWait().toNanos();
        waitInProcess(command, start, deadline);
        if (local.getHoldCount() > 1) {
            return;
        }
        try {
            takeRow(command, start, deadline);
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    /** Another thread of this process (a second scheduled job, say) may hold it: queue behind it. */
    private void waitInProcess(String command, long start, long deadline) {
        long nextProgress = start;
        try {
            while (!local.tryLock(Math.min(settings.progressEvery().toNanos(), Math.max(0, deadline - System.nanoTime())),
                    TimeUnit.NANOSECONDS)) {
                Hold other = hold;
                String what = other == null ? "another command of this process" : "'" + other.command + "' in this process";
                if (System.nanoTime() >= deadline) {
                    throw new EngineException("the ledger is held by " + what + ": '" + command + "' refused after "
                            + seconds(System.nanoTime() - start) + " s (settlement.ledger.lock-wait=" + settings.lockWait() + ")");
                }
                if (System.nanoTime() >= nextProgress) {
                    progress(command, what, start);
                    nextProgress = System.nanoTime() + settings.progressEvery().toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the ledger: '" + command + "' did not run");
        }
    }

    private void takeRow(String command, long start, long deadline) {
        long nextProgress = start;
        long poll = Math.max(20, Math.min(250, settings.lease().toMillis() / 8));
        while (true) {
            Optional<Holder> before = holder();
            String token = UUID.randomUUID().toString();
            long sent = System.nanoTime();
            int taken = own.execute(tx -> jdbc.sql("""
                    UPDATE ledger_lock SET token = :token, node_id = :node, host = :host, pid = :pid, command = :command,
                           execution_id = NULL, acquired_at = CURRENT_TIMESTAMP,
                           lease_until = CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND
                     WHERE lock_id = 1 AND (token IS NULL OR lease_until < CURRENT_TIMESTAMP)""")
                    .param("token", token).param("node", node).param("host", host).param("pid", pid)
                    .param("command", cut(command, 500)).param("millis", settings.lease().toMillis())
                    .update());
            if (taken == 1) {
                before.filter(Holder::expired).ifPresent(dead -> System.err.println("took the ledger over from "
                        + dead.describe() + ": its holder is counted dead"));
                Hold mine = new Hold(token, command, sent);
                mine.beat = heartbeat.scheduleWithFixedDelay(() -> renew(mine), settings.heartbeat().toMillis(),
                        settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
                hold = mine;
                return;
            }
            Optional<Holder> holder = holder();
            if (holder.isEmpty() || holder.get().expired()) {
                continue;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new EngineException("the ledger is held by " + holder.get().describe() + ": '" + command
                        + "' refused after waiting " + seconds(now - start) + " s (settlement.ledger.lock-wait="
                        + settings.lockWait() + "); run it again once that is done");
            }
            if (now >= nextProgress) {
                progress(command, holder.get().describe(), start);
                nextProgress = now + settings.progressEvery().toNanos();
            }
            sleep(Math.min(poll, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
        }
    }

    private void progress(String command, String holder, long start) {
        System.err.println("waiting for the ledger: '" + command + "' waits for " + holder + "; waited "
                + seconds(System.nanoTime() - start) + " s of " + settings.lockWait().toSeconds() + " s");
        System.err.flush();
    }

    /** Names the job execution the holder runs, and gives it a lease of its own renewed with the ledger's. */
    public void attach(long executionId) {
        Hold mine = hold;
        if (mine == null || !local.isHeldByCurrentThread()) {
            return;
        }
        mine.executionId = executionId;
        own.executeWithoutResult(tx -> jdbc.sql("UPDATE ledger_lock SET execution_id = :id WHERE lock_id = 1 AND token = :token")
                .param("id", executionId).param("token", mine.token).update());
    }

    /** Gives up the ledger (the outermost release of this thread); the next command may take it. */
    public void release() {
        if (!local.isHeldByCurrentThread()) {
            return;
        }
        if (local.getHoldCount() > 1) {
            local.unlock();
            return;
        }
        Hold mine = hold;
        hold = null;
        try {
            if (mine != null) {
                mine.beat.cancel(false);
                own.executeWithoutResult(tx -> jdbc.sql("""
                        UPDATE ledger_lock SET token = NULL, node_id = NULL, host = NULL, pid = NULL, command = NULL,
                               execution_id = NULL, acquired_at = NULL, lease_until = NULL
                         WHERE lock_id = 1 AND token = :token""").param("token", mine.token).update());
            }
        } catch (RuntimeException e) {
            // the database is out of reach: the lease ends on its own
            log.warn("could not give up the ledger ({}): it is free once its lease ends", e.getMessage());
        } finally {
            local.unlock();
        }
    }

    /** The heartbeat: renews the ledger's lease and the running execution's; stops the process once it cannot. */
    private void renew(Hold mine) {
        long sent = System.nanoTime();
        try {
            int renewed = own.execute(tx -> {
                int n = jdbc.sql("""
                        UPDATE ledger_lock SET lease_until = CURRENT_TIMESTAMP + CAST(:millis AS BIGINT) * INTERVAL '0.001' SECOND
                         WHERE lock_id = 1 AND token = :token""")
                        .param("millis", settings.lease().toMillis()).param("token", mine.token).update();
                if (n == 1 && mine.executionId != null) {
                    RunOwner.renew(jdbc, mine.executionId, settings.lease());
                }
                return n;
            });
            if (renewed == 1) {
                mine.renewedNanos = sent;
                if (mine.renewalFailing) {
                    log.info("ledger lease renewed again");
                    mine.renewalFailing = false;
                }
                return;
            }
            if (hold == mine) {
                stop(mine, "another node took the ledger over after this node's lease ended");
            }
        } catch (RuntimeException e) {
            if (!mine.renewalFailing) {
                log.warn("cannot renew the ledger lease: {}", e.getMessage());
                mine.renewalFailing = true;
            }
            if (hold == mine && System.nanoTime() - mine.renewedNanos >= settings.lease().toNanos()) {
                stop(mine, "its lease could not be renewed for " + settings.lease().toSeconds() + " s ("
                        + e.getMessage() + ")");
            }
        }
    }

    /** A node that may have lost the ledger stops at once, so that two nodes never change it together. */
    private static void stop(Hold mine, String why) {
        System.err.println("error: this node no longer holds the ledger for '" + mine.command + "': " + why
                + "; it stops now, changing nothing more. Resume with ./run.sh restart");
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    static String format(OffsetDateTime time) {
        return time == null ? "?" : time.format(TIME);
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the ledger");
        }
    }
}

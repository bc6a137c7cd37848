package io.partnersettlement.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The check's lookups in the id ledger's index, side by side on PostgreSQL: once the index outgrows the database's
 * memory, a lookup waits on the disk (two random reads: the index's page, the row's), and a block's lookups one after
 * the other leave the disk idle but for one read at a time. Split over {@code settlement.id-probe-connections}
 * connections (4) of a small pool of the check's own — never the engine's, whose connections the chunks and the job
 * repository need — a block's hashes are looked up in ranges at once: at 400 million ids, 150,000 lookups from cold took
 * 21.2 s on one connection, 9.0 s on four. The index only changes between nights, so the connections read what the
 * check's own would. On H2 (in the process, one store) and for a few hashes, the lookups stay on the caller's
 * connection.
 */
final class IdProbes implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdProbes.class);

    /** Fewer hashes than this a connection are looked up on the caller's connection. */
    static final int PER_CONNECTION = 32;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate side;
    private final HikariDataSource pool;
    private final ExecutorService threads;
    private final int ways;
    /** Whether the table of shared hashes holds any id: asked once, it changes only when a night is indexed. */
    private final boolean anyShared;

    private IdProbes(JdbcTemplate jdbc, HikariDataSource pool, int ways) {
        this.jdbc = jdbc;
        this.pool = pool;
        this.side = pool == null ? null : new JdbcTemplate(pool);
        this.ways = pool == null ? 1 : ways;
        this.anyShared = IdLedger.holdsAny(jdbc, "id_ledger_shared_hash");
        this.threads = pool == null ? null : Executors.newFixedThreadPool(ways, r -> {
            Thread t = new Thread(r, "id-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The check's lookups: {@code ways} connections side by side on PostgreSQL behind a pool of the engine's own
     * (Hikari), else the caller's connection alone.
     */
    static IdProbes open(JdbcTemplate jdbc, int ways) {
        if (ways <= 1) {
            return new IdProbes(jdbc, null, 1);
        }
        try {
            DataSource dataSource = jdbc.getDataSource();
            if (!IdLedger.onPostgres(jdbc) || dataSource == null || !dataSource.isWrapperFor(HikariDataSource.class)) {
                return new IdProbes(jdbc, null, 1);
            }
            HikariDataSource engine = dataSource.unwrap(HikariDataSource.class);
            HikariConfig config = new HikariConfig();
            engine.copyStateTo(config);
            config.setPoolName("id-probes");
            config.setMaximumPoolSize(ways);
            config.setMinimumIdle(0);
            config.setReadOnly(true);
            // the engine's metrics and health checks are the engine's pool's (only one of the two is ever set)
            if (config.getMetricRegistry() != null) {
                config.setMetricRegistry(null);
            } else {
                config.setMetricsTrackerFactory(null);
            }
            config.setHealthCheckRegistry(null);
            return new IdProbes(jdbc, new HikariDataSource(config), ways);
        } catch (SQLException | RuntimeException e) {
            log.warn("id check: lookups on one connection ({})", e.toString());
            return new IdProbes(jdbc, null, 1);
        }
    }

    /** The ids of the index with one of {@code hashes}, by hash, as {@link IdLedger#probe} answers. */
    Map<Long, List<IdLedger.Candidate>> probe(long[] hashes) {
        if (Math.min(ways, hashes.length / PER_CONNECTION) <= 1) {
            return IdLedger.probe(jdbc, hashes, anyShared);
        }
        long[] sorted = Arrays.stream(hashes).sorted().distinct().toArray();
        int n = Math.max(1, Math.min(ways, sorted.length / PER_CONNECTION));
        List<Future<Map<Long, List<IdLedger.Candidate>>>> ranges = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long[] range = Arrays.copyOfRange(sorted, (int) ((long) sorted.length * k / n),
                    (int) ((long) sorted.length * (k + 1) / n));
            ranges.add(threads.submit(() -> IdLedger.probe(side, range, anyShared)));
        }
        Map<Long, List<IdLedger.Candidate>> found = new HashMap<>();
        try {
            for (Future<Map<Long, List<IdLedger.Candidate>>> range : ranges) {
                // the ranges hold different hashes: their answers never overlap
                found.putAll(range.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up the night's ids", e);
        } catch (ExecutionException e) {
            ranges.forEach(r -> r.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return found;
    }

    /** Connections the lookups use side by side: 1 when they stay on the caller's. */
    int ways() {
        return ways;
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (pool != null) {
            pool.close();
        }
    }
}

package io.partnersettlement.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.workspace.Workspace;

/**
 * After the night's ingest: the ids it stored go into the id ledger's index, hash-sorted, a slice a transaction
 * ({@link IdLedger#indexPending}). The check marked each id that shares a hash with an earlier one, so nothing is
 * probed; ids that two partitions of the ingest both took as new are put right first ({@link NightDuplicates}); a
 * slice already written by an attempt that died is found and skipped.
 */
final class IdLedgerIndexing implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(IdLedgerIndexing.class);

    private final JdbcTemplate jdbc;
    private final Workspace workspace;
    private final String defaultCurrency;
    private final int filterMib;

    IdLedgerIndexing(JdbcTemplate jdbc, Workspace workspace, String defaultCurrency, int filterMib) {
        this.filterMib = filterMib;
        this.jdbc = jdbc;
        this.workspace = workspace;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long started = System.nanoTime();
        IdLedger.blocksFromRecords(jdbc);
        long indexed;
        try (IdFilter filter = IdFilter.forIndexingOrNone(jdbc, workspace, filterMib)) {
            indexed = IdLedger.indexPending(jdbc, new NightDuplicates(jdbc, workspace,
                    new ConsumptionLineParser(defaultCurrency), NightlyJobConfiguration.orderBillTypes(jdbc)), filter);
        }
        contribution.incrementWriteCount(indexed);
        CrashPoints.reach("ids.indexed");
        log.info("id ledger: {} ids of the night indexed in {} ms", indexed, (System.nanoTime() - started) / 1_000_000);
        return RepeatStatus.FINISHED;
    }
}

package io.partnersettlement.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.CrashPoints;

/**
 * After the night's ingest: the ids it stored go into the id ledger's index, hash-sorted, in the step's transaction
 * ({@link IdLedger#indexPending}). The check marked each id that shares a hash with an earlier one, so nothing is probed;
 * should the index refuse a row all the same, the marks are worked out again against it, from a savepoint.
 */
final class IdLedgerIndexing implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(IdLedgerIndexing.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    IdLedgerIndexing(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long started = System.nanoTime();
        Long indexed;
        try {
            indexed = savepoint.execute(status -> IdLedger.indexPending(jdbc, false));
        } catch (DataIntegrityViolationException e) {
            log.warn("the id ledger's index refused a row of the night ({}); indexing again, every hash checked",
                    e.getMostSpecificCause().getMessage());
            indexed = IdLedger.indexPending(jdbc, true);
        }
        contribution.incrementWriteCount(indexed == null ? 0 : indexed);
        CrashPoints.reach("ids.indexed");
        log.info("id ledger: {} ids of the night indexed in {} ms", indexed, (System.nanoTime() - started) / 1_000_000);
        return RepeatStatus.FINISHED;
    }
}

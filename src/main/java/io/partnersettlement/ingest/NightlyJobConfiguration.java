package io.partnersettlement.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.partnersettlement.documents.LedgerDocuments;
import io.partnersettlement.partition.PartitionPlan;
import io.partnersettlement.partition.Partitioning;
import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.performance.PerformanceRefreshPartition;
import io.partnersettlement.performance.PerformanceWorkbook;
import io.partnersettlement.performance.RefreshStates;
import io.partnersettlement.reference.ReferenceDataStore;
import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.run.RunOwner;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The nightly job: reference data, inbox ingestion, performance refresh and the performance workbooks of the periods
 * the run touched. Identified by its business date and run number.
 */
@Configuration
public class NightlyJobConfiguration {

    public static final String NIGHTLY_JOB = "nightlyJob";
    public static final String LOAD_REFERENCE_DATA_STEP = "loadReferenceDataStep";
    public static final String REGISTER_INBOX_FILES_STEP = "registerInboxFilesStep";
    public static final String INGEST_CONSUMPTION_STEP = "ingestConsumptionStep";
    public static final String INGEST_PARTITION_STEP = "ingestPartitionStep";
    public static final String INDEX_RECORD_IDS_STEP = "indexRecordIdsStep";
    public static final String SETTLE_INBOX_FILES_STEP = "settleInboxFilesStep";
    public static final String REFRESH_PERFORMANCE_STEP = "refreshPerformanceStep";
    public static final String PERFORMANCE_PARTITION_STEP = "performancePartitionStep";
    public static final String WRITE_PERFORMANCE_WORKBOOKS_STEP = "writePerformanceWorkbooksStep";
    public static final String AUTO_CONFIRM_STATEMENTS_STEP = "autoConfirmStatementsStep";

    @Bean
    Job nightlyJob(JobRepository jobRepository, Step loadReferenceDataStep, Step registerInboxFilesStep,
            Step ingestConsumptionStep, Step indexRecordIdsStep, Step settleInboxFilesStep, Step refreshPerformanceStep,
            Step writePerformanceWorkbooksStep, Step autoConfirmStatementsStep, RunOwner runOwner) {
        return new JobBuilder(NIGHTLY_JOB, jobRepository)
                .listener(runOwner)
                .start(loadReferenceDataStep)
                .next(registerInboxFilesStep)
                .next(ingestConsumptionStep)
                .next(indexRecordIdsStep)
                .next(settleInboxFilesStep)
                .next(refreshPerformanceStep)
                .next(writePerformanceWorkbooksStep)
                .next(autoConfirmStatementsStep)
                .build();
    }

    @Bean
    Step loadReferenceDataStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ReferenceDataStore referenceData) {
        return new StepBuilder(LOAD_REFERENCE_DATA_STEP, jobRepository)
                .tasklet(new ReferenceDataStep(referenceData), transactionManager)
                .build();
    }

    @Bean
    Step registerInboxFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            EngineSettings settings, InboxFiles files) {
        return new StepBuilder(REGISTER_INBOX_FILES_STEP, jobRepository)
                .tasklet(new InboxRegistration(settings.workspaceFolders().inbox(), files, settings.parsingThreads()), transactionManager)
                .build();
    }

    /**
     * The inbox's files in groups of about equal bytes, a partition a group ({@code settlement.partitions}; one by
     * default on one machine). Ids two partitions both take as new are put right by the indexing step after it.
     */
    @Bean
    Step ingestConsumptionStep(Partitioning partitioning, Step ingestPartitionStep, InboxFiles files) {
        return partitioning.partitioned(INGEST_CONSUMPTION_STEP, ingestPartitionStep,
                manager -> IngestPartitions.plan(files.ofJobInstance(manager.getJobExecution().getJobInstance().getInstanceId()),
                        partitioning.settings().partnerRanges()),
                io.partnersettlement.partition.ManagerWork.NOTHING);
    }

    /** The worker step of the ingest: the files of its partition, read, checked and stored a block a chunk. */
    @Bean
    Step ingestPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            InboxReader inboxReader, JdbcTemplate jdbc) {
        return new StepBuilder(INGEST_PARTITION_STEP, jobRepository)
                .<CheckedBlock, CheckedBlock>chunk(1)
                .transactionManager(transactionManager)
                .reader(inboxReader)
                .writer(new ConsumptionChunkWriter(jdbc))
                .build();
    }

    /**
     * Lines per parsed block. A chunk is one block: the reading threads sum its consumption and check its ids, and the
     * writer only stores it.
     */
    static int blockLines(EngineSettings settings) {
        return Math.max(1, settings.chunkSize());
    }

    @Bean
    @StepScope
    InboxReader inboxReader(@Value("#{stepExecution}") StepExecution stepExecution, EngineSettings settings,
            InboxFiles files, JdbcTemplate jdbc, @Value("${settlement.id-filter-mib:512}") int idFilterMib) {
        long instance = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        Set<Long> partition = IngestPartitions.filesOf(stepExecution.getExecutionContext());
        var registered = files.ofJobInstance(instance).stream()
                .filter(f -> partition == null || partition.contains(f.fileId())).toList();
        long bytes = registered.stream().filter(f -> "REGISTERED".equals(f.status())).mapToLong(InboxFiles.InboxFile::size).sum();
        Map<Long, String> names = new HashMap<>();
        Map<Long, InboxReader.Stored> stored = new HashMap<>();
        jdbc.query("SELECT file_id, file_name, job_instance_id, physical_lines_read, physical_lines FROM ingest_file", rs -> {
            names.put(rs.getLong(1), rs.getString(2));
            if (rs.getLong(3) == instance) {
                stored.put(rs.getLong(1), new InboxReader.Stored(rs.getLong(4), rs.getObject(5, Long.class)));
            }
        });
        Set<String> orderBillTypes = orderBillTypes(jdbc);
        IdCheck idCheck = new IdCheck(jdbc, settings.workspaceFolders(), new ConsumptionLineParser(settings.defaultCurrency()),
                orderBillTypes, names, registered.stream().map(InboxFiles.InboxFile::fileId).collect(Collectors.toSet()),
                bytes, idFilterMib);
        return new InboxReader(settings.workspaceFolders().inbox(), registered, stored,
                new ConsumptionLineParser(settings.defaultCurrency()), idCheck, new IngestProgress(bytes), orderBillTypes,
                blockLines(settings), settings.parsingThreads());
    }

    static Set<String> orderBillTypes(JdbcTemplate jdbc) {
        return Set.copyOf(jdbc.queryForList("SELECT bill_type FROM bill_type WHERE is_order = TRUE", String.class));
    }

    /** The night's new record ids into the id ledger's index, once its ingest is done. */
    @Bean
    Step indexRecordIdsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, EngineSettings settings, @Value("${settlement.id-filter-mib:512}") int idFilterMib) {
        return new StepBuilder(INDEX_RECORD_IDS_STEP, jobRepository)
                .tasklet(new IdLedgerIndexing(jdbc, settings.workspaceFolders(), settings.defaultCurrency(), idFilterMib),
                        transactionManager)
                .build();
    }

    @Bean
    Step settleInboxFilesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            EngineSettings settings, InboxFiles files, JdbcTemplate jdbc) {
        return new StepBuilder(SETTLE_INBOX_FILES_STEP, jobRepository)
                .tasklet(new InboxSettlement(settings.workspaceFolders(), files, jdbc), transactionManager)
                .build();
    }

    /**
     * The performance of the periods the run touched, one partition per period and partner range (each in its own
     * transaction; the period's first range also refreshes what belongs to no partner), each period rebuilt whole or,
     * when its refresh state allows, the night's rows added; then, on the manager, the control totals of the files and
     * periods, which need every period's records, and the periods' refresh states.
     */
    @Bean
    Step refreshPerformanceStep(Partitioning partitioning, Step performancePartitionStep,
            PerformanceRefresh refresh, ControlTotals controls, RefreshStates states, JdbcTemplate jdbc) {
        return partitioning.partitioned(REFRESH_PERFORMANCE_STEP, performancePartitionStep,
                manager -> RefreshedPeriods.plan(manager.getJobExecution(), refresh, jdbc,
                        partitioning.settings().partnerRanges()),
                new PerformanceTieOuts(controls, states));
    }

    /** The worker step of the performance refresh; the bean is named as its step, so that a worker process finds it. */
    @Bean
    Step performancePartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PerformanceRefresh refresh) {
        PerformanceRefreshPartition partition = new PerformanceRefreshPartition(refresh);
        return new StepBuilder(PERFORMANCE_PARTITION_STEP, jobRepository)
                .tasklet(partition, transactionManager)
                .listener(partition)
                .build();
    }

    /** Statements left pending past the confirmation deadline are confirmed, after the run's ingest. */
    @Bean
    Step autoConfirmStatementsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            StatementLifecycle lifecycle,
            LedgerDocuments documents, EngineSettings settings) {
        return new StepBuilder(AUTO_CONFIRM_STATEMENTS_STEP, jobRepository)
                .tasklet(new AutoConfirmStep(lifecycle, documents, settings.confirmationDays(),
                        settings.workspaceFolders().out()), transactionManager)
                .build();
    }

    @Bean
    Step writePerformanceWorkbooksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PerformanceRefresh refresh, PerformanceWorkbook workbook, EngineSettings settings) {
        return new StepBuilder(WRITE_PERFORMANCE_WORKBOOKS_STEP, jobRepository)
                .tasklet(new PerformanceWorkbooksStep(refresh, workbook, settings.workspaceFolders().out()),
                        transactionManager)
                .build();
    }
}

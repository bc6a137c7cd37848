package io.partnersettlement.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.MultiResourceItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * (b) The yardstick: the job a user would write first — FlatFileItemReader into JdbcBatchItemWriter, one table with a
 * column per field, chunk 1000 — on a fresh database (H2 file, or a PostgreSQL schema) with a JDBC job repository,
 * written the way the Spring Batch getting-started guide writes one: a JavaBean per line, bean-mapped named
 * parameters, the id as key.
 */
final class YardstickJob {

    private YardstickJob() {
    }

    /**
     * Runs the yardstick over the first files holding {@code maxRecords} records, on a fresh H2 file database in
     * {@code dbDir}, or, when {@code databaseUrl} is given, in a fresh schema of that PostgreSQL database (dropped after).
     */
    static long run(List<Path> files, long maxRecords, Path dbDir, String databaseUrl) throws Exception {
        if (databaseUrl == null) {
            Files.createDirectories(dbDir);
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + dbDir.toAbsolutePath().resolve("yardstick"));
            long rows = run(files, maxRecords, h2);
            new JdbcTemplate(h2).execute("SHUTDOWN");
            return rows;
        }
        String schema = "yardstick_" + System.currentTimeMillis();
        try (var connection = DriverManager.getConnection(databaseUrl)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        // one connection, as a single-threaded job needs, so that no chunk pays for opening one
        var postgres = new SingleConnectionDataSource(
                databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, true);
        try {
            return run(files, maxRecords, postgres);
        } finally {
            postgres.destroy();
            try (var connection = DriverManager.getConnection(databaseUrl)) {
                connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static long run(List<Path> files, long maxRecords, DataSource dataSource) throws Exception {
        try (var connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V1__batch_job_repository.sql"));
        }
        // the table a user would create: a column per field, the record id as primary key
        new JdbcTemplate(dataSource).execute("""
                CREATE TABLE consumption_record (
                  id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), bill_date VARCHAR(10), trade_time VARCHAR(32),
                  bill_cycle VARCHAR(7), bill_detail_type VARCHAR(8), service_type_code VARCHAR(128),
                  resource_type_code VARCHAR(128), region_code VARCHAR(32), charging_mode VARCHAR(4), trade_id VARCHAR(128),
                  payment_amount DECIMAL(28,8), cash_amount DECIMAL(28,8), credit_amount DECIMAL(28,8),
                  coupon_amount DECIMAL(28,8), flexipurchase_coupon_amount DECIMAL(28,8),
                  stored_value_card_amount DECIMAL(28,8), bonus_amount DECIMAL(28,8), debt_amount DECIMAL(28,8),
                  writeoff_amount DECIMAL(28,8), official_amount DECIMAL(28,8), official_discount_amount DECIMAL(28,8),
                  currency VARCHAR(3))""");

        JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean repositoryFactory = new JdbcJobRepositoryFactoryBean();
        repositoryFactory.setDataSource(dataSource);
        repositoryFactory.setTransactionManager(transactionManager);
        repositoryFactory.afterPropertiesSet();
        JobRepository jobRepository = repositoryFactory.getObject();

        FlatFileItemReader<ConsumptionRow> reader = new FlatFileItemReaderBuilder<ConsumptionRow>()
                .name("consumptionReader")
                .linesToSkip(1)
                .delimited().names("id","customerId","billDate","tradeTime","billCycle","billDetailType","serviceTypeCode","resourceTypeCode","regionCode","chargingMode","tradeId","paymentAmount","cashAmount","creditAmount","couponAmount","flexipurchaseCouponAmount","storedValueCardAmount","bonusAmount","debtAmount","writeoffAmount","officialAmount","officialDiscountAmount","currency")
                .targetType(ConsumptionRow.class)
                .build();
        // the first files, enough to hold maxRecords records
        List<Resource> resources = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            if (lines >= maxRecords) {
                break;
            }
            resources.add(new FileSystemResource(file));
            try (var stream = Files.lines(file)) {
                lines += stream.count() - 1;
            }
        }
        MultiResourceItemReader<ConsumptionRow> multiReader = new MultiResourceItemReader<>(reader);
        multiReader.setResources(resources.toArray(new Resource[0]));
        JdbcBatchItemWriter<ConsumptionRow> writer = new JdbcBatchItemWriterBuilder<ConsumptionRow>()
                .dataSource(dataSource)
                .sql("""
                        INSERT INTO consumption_record VALUES (:id, :customerId, :billDate, :tradeTime, :billCycle,
                          :billDetailType, :serviceTypeCode, :resourceTypeCode, :regionCode, :chargingMode, :tradeId,
                          :paymentAmount, :cashAmount, :creditAmount, :couponAmount, :flexipurchaseCouponAmount,
                          :storedValueCardAmount, :bonusAmount, :debtAmount, :writeoffAmount, :officialAmount,
                          :officialDiscountAmount, :currency)""")
                .beanMapped()
                .build();
        Step step = new StepBuilder("loadConsumptionStep", jobRepository)
                .<ConsumptionRow, ConsumptionRow>chunk(1000)
                .transactionManager(transactionManager)
                .reader(multiReader)
                .writer(writer)
                .build();
        Job job = new JobBuilder("plainLoadJob", jobRepository).start(step).build();

        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(jobRepository);
        operator.setJobRegistry(new MapJobRegistry());
        operator.afterPropertiesSet();
        JobExecution execution = operator.start(job, new JobParameters());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("the yardstick job failed: " + execution.getAllFailureExceptions());
        }
        Long rows = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM consumption_record", Long.class);
        return rows == null ? 0 : rows;
    }
}

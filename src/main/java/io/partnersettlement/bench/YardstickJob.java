package io.partnersettlement.bench;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * (b) The yardstick: the job a user would write first — FlatFileItemReader into JdbcBatchItemWriter, one table with a
 * column per field, chunk 1000 — on a fresh H2 file database with a JDBC job repository.
 */
final class YardstickJob {

    private YardstickJob() {
    }

    static long run(List<Path> files, long maxRecords, Path dbDir) throws Exception {
        Files.createDirectories(dbDir);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dbDir.toAbsolutePath().resolve("yardstick"));
        try (var connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V1__batch_job_repository.sql"));
        }
        String[] columns;
        try (BufferedReader in = Files.newBufferedReader(files.get(0), StandardCharsets.UTF_8)) {
            columns = in.readLine().replace("\uFEFF", "").split(",");
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE consumption_record (");
        StringBuilder insert = new StringBuilder("INSERT INTO consumption_record VALUES (");
        for (int i = 0; i < columns.length; i++) {
            boolean amount = columns[i].endsWith("_amount");
            ddl.append(i == 0 ? "" : ", ").append(columns[i]).append(amount ? " DECIMAL(28,8)" : " VARCHAR(128)");
            insert.append(i == 0 ? "?" : ", ?");
        }
        new JdbcTemplate(dataSource).execute(ddl.append(")").toString());

        JdbcTransactionManager transactionManager = new JdbcTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean repositoryFactory = new JdbcJobRepositoryFactoryBean();
        repositoryFactory.setDataSource(dataSource);
        repositoryFactory.setTransactionManager(transactionManager);
        repositoryFactory.afterPropertiesSet();
        JobRepository jobRepository = repositoryFactory.getObject();

        String[] names = columns;
        FlatFileItemReader<Object[]> reader = new FlatFileItemReaderBuilder<Object[]>()
                .name("consumptionReader")
                .linesToSkip(1)
                .delimited().names(names)
                .fieldSetMapper(fields -> {
                    Object[] values = new Object[names.length];
                    for (int i = 0; i < names.length; i++) {
                        String v = fields.readString(i);
                        values[i] = names[i].endsWith("_amount") && !v.isEmpty() ? new BigDecimal(v) : v;
                    }
                    return values;
                })
                .build();
        // the first files, enough to hold maxRecords records
        List<org.springframework.core.io.Resource> resources = new java.util.ArrayList<>();
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
        MultiResourceItemReader<Object[]> multiReader = new MultiResourceItemReader<>(reader);
        multiReader.setResources(resources.toArray(new org.springframework.core.io.Resource[0]));
        JdbcBatchItemWriter<Object[]> writer = new JdbcBatchItemWriterBuilder<Object[]>()
                .dataSource(dataSource)
                .sql(insert.append(")").toString())
                .itemPreparedStatementSetter((values, ps) -> {
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i] instanceof String s && s.isEmpty() ? null : values[i]);
                    }
                })
                .build();
        Step step = new StepBuilder("loadConsumptionStep", jobRepository)
                .<Object[], Object[]>chunk(1000)
                .transactionManager(transactionManager)
                .reader(multiReader)
                .writer(writer)
                .build();
        Job job = new JobBuilder("plainLoadJob", jobRepository).start(step).build();

        JobOperatorFactoryBean operatorFactory = new JobOperatorFactoryBean();
        operatorFactory.setJobRepository(jobRepository);
        operatorFactory.setTransactionManager(transactionManager);
        operatorFactory.afterPropertiesSet();
        JobOperator operator = operatorFactory.getObject();
        JobExecution execution = operator.start(job, new JobParameters());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("the yardstick job failed: " + execution.getAllFailureExceptions());
        }
        Long rows = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM consumption_record", Long.class);
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
        return rows == null ? 0 : rows;
    }
}

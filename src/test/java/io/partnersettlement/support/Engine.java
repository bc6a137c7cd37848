package io.partnersettlement.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;

/** The engine booted on a test workspace and database, as the command line boots it. */
public final class Engine implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String databaseUrl;

    public Engine(Path workspace, String databaseUrl) {
        this(workspace, databaseUrl, Map.of());
    }

    public Engine(Path workspace, String databaseUrl, Map<String, Object> properties) {
        this(workspace, databaseUrl, properties, null);
    }

    /** The engine with a clock of the test's own: the times it records are the clock's. */
    public Engine(Path workspace, String databaseUrl, Map<String, Object> properties, Clock clock) {
        this.databaseUrl = databaseUrl;
        this.context = EngineContext.start(workspace, databaseUrl, properties, clock);
    }

    public JobExecution nightly(String businessDate) {
        return context.getBean(JobRuns.class).startNightly(NightlyJobConfiguration.NIGHTLY_JOB, LocalDate.parse(businessDate));
    }

    public JobExecution monthly(String period, String businessDate) {
        return context.getBean(JobRuns.class).startMonthly(io.partnersettlement.incentive.MonthlyJobConfiguration.MONTHLY_JOB,
                period, LocalDate.parse(businessDate));
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean by name: one step of a job, say. */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public BigDecimal decimal(String sql, Object... args) {
        BigDecimal v = jdbc().queryForObject(sql, BigDecimal.class, args);
        return v == null ? null : v.stripTrailingZeros();
    }

    public long count(String sql, Object... args) {
        Long v = jdbc().queryForObject(sql, Long.class, args);
        return v == null ? 0 : v;
    }

    @Override
    public void close() {
        context.close();
    }

    public String databaseUrl() {
        return databaseUrl;
    }
}

package io.partnersettlement.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.incentive.MonthlySettlement;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.run.ChangeReport;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.workspace.EngineSettings;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Deliberately recompute a business date or a period: same inputs, same numbers, nothing doubled, "
                + "no confirmed statement touched. Prints and saves (out/<YYYY-MM>/rerun-….csv) what changed against the "
                + "previous run, per partner: performance, incentive totals, statement figures.",
                "Examples: ./run.sh rerun nightly --date 2026-11-02    ./run.sh rerun monthly --period 2026-09"})
class RerunCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Parameters(index = "0", paramLabel = "JOB", description = "nightly or monthly")
    String job;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date (nightly: required; monthly: "
            + "default today minus the data lag).")
    LocalDate date;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "The period (monthly).")
    YearMonth period;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            // the figures before, the run and the figures after, with no other command in between
            return context.getBean(LedgerLock.class).holding("rerun " + job
                    + (date == null ? "" : " --date " + date) + (period == null ? "" : " --period " + period),
                    () -> rerun(context));
        }
    }

    private int rerun(ConfigurableApplicationContext context) {
        {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            JobRuns runs = context.getBean(JobRuns.class);
            Path out = context.getBean(EngineSettings.class).workspaceFolders().out();
            List<String> periods;
            JobExecution execution;
            String subject;
            ChangeReport report;
            switch (job) {
                case "nightly" -> {
                    if (date == null) {
                        throw new EngineException("rerun nightly needs --date");
                    }
                    subject = "nightly " + date;
                    periods = context.getBean(PerformanceRefresh.class).periodsTouchedOn(date);
                    report = ChangeReport.before(jdbc, periods);
                    execution = runs.rerunNightly(NightlyJobConfiguration.NIGHTLY_JOB, date);
                    // and the periods the rerun's new files brought: their figures were 0 before
                    TreeSet<String> all = new TreeSet<>(periods);
                    all.addAll(context.getBean(PerformanceRefresh.class).periodsTouchedOn(date));
                    periods = List.copyOf(all);
                }
                case "monthly" -> {
                    if (period == null) {
                        throw new EngineException("rerun monthly needs --period");
                    }
                    String p = period.toString();
                    LocalDate businessDate = BusinessDates.orDefault(date, context);
                    subject = "monthly " + p;
                    // the period and the earlier ones the run recomputes (details still frozen, late records)
                    periods = context.getBean(MonthlySettlement.class).periodsComputed(p);
                    report = ChangeReport.before(jdbc, periods);
                    execution = runs.startMonthly(MonthlyJobConfiguration.MONTHLY_JOB, p, businessDate);
                }
                default -> throw new EngineException("rerun takes nightly or monthly, not '" + job + "'");
            }
            int code = RunReport.print(context, execution, System.out);
            long run = execution.getJobParameters().getLong(JobRuns.RUN);
            int changed = 0;
            for (String each : periods) {
                Path file = out.resolve(each).resolve("rerun-" + subject.replace(' ', '-') + "-run" + run + ".csv");
                List<String> changes = report.changes(jdbc, List.of(each), file);
                changed += changes.size();
                changes.forEach(c -> System.out.println("changed: " + c));
                System.out.println("change report: " + file);
            }
            if (changed == 0) {
                System.out.println("no figure changed against the previous run");
            }
            context.getBean(OperatorAudit.class).recordDone(new OperatorAudit.Action(Operators.name(operator), "RERUN",
                    subject, "execution " + execution.getId(), null), execution.getStatus() + ", " + changed
                    + " figure(s) changed");
            return code;
        }
    }
}

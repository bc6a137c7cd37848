package io.partnersettlement.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.run.EngineException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.workspace.EngineSettings;

@Command(name = "monthly", mixinStandardHelpOptions = true,
        description = {"Incentive details, freezes and milestone splits, and the incentives workbook of a period.",
                "Running it again recomputes what no statement has settled, with the same detail ids.",
                "Example: ./run.sh monthly --period 2026-09 --date 2026-10-05"})
class MonthlyCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--period", paramLabel = "YYYY-MM", required = true, description = "The period (bill cycle).")
    String period;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date (default: today minus the data lag, 2 days).")
    LocalDate date;

    @Override
    public Integer call() {
        YearMonth month;
        try {
            month = YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new EngineException("--period '" + period + "' is not a period (YYYY-MM)");
        }
        try (ConfigurableApplicationContext context = workspace.boot()) {
            LocalDate businessDate = date != null ? date
                    : LocalDate.now().minusDays(context.getBean(EngineSettings.class).dataLagDays());
            if (businessDate.isBefore(month.atDay(1))) {
                throw new EngineException("business date " + businessDate + " is before period " + period + " starts");
            }
            var execution = context.getBean(JobRuns.class).startMonthly(MonthlyJobConfiguration.MONTHLY_JOB,
                    month.toString(), businessDate);
            return RunReport.print(context, execution, System.out);
        }
    }
}

package io.partnersettlement.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.incentive.DryRun;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.workspace.EngineSettings;

@Command(name = "monthly", mixinStandardHelpOptions = true,
        description = {"Incentive details, freezes and milestone splits, and the incentives workbook of a period.",
                "Running it again recomputes what no statement has settled, with the same detail ids.",
                "Example: ./run.sh monthly --period 2026-09 --date 2026-10-05"})
class MonthlyCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--period", paramLabel = "YYYY-MM", required = true, description = "The period (bill cycle).")
    YearMonth period;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date (default: today minus the data lag, 2 days).")
    LocalDate date;

    @Option(names = "--dry-run", description = "Compute the period into preview workbooks (out/P/dry-run/) and print the "
            + "differences against the current figures, changing nothing.")
    boolean dryRun;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts, for the audit trail of a dry run.")
    String operator;

    @Override
    public Integer call() {
        YearMonth month = period;
        try (ConfigurableApplicationContext context = workspace.boot()) {
            LocalDate businessDate = BusinessDates.orDefault(date, context);
            if (businessDate.isBefore(month.atDay(1))) {
                throw new EngineException("business date " + businessDate + " is before period " + period + " starts");
            }
            if (dryRun) {
                return dryRun(context, month.toString(), businessDate);
            }
            var execution = context.getBean(JobRuns.class).startMonthly(MonthlyJobConfiguration.MONTHLY_JOB,
                    month.toString(), businessDate);
            return RunReport.print(context, execution, System.out);
        }
    }

    private int dryRun(ConfigurableApplicationContext context, String period, LocalDate businessDate) {
        // a dry run reads the ledger whole: it holds it, so that no command changes it meanwhile
        return context.getBean(LedgerLock.class).holding(
                "monthly --dry-run --period " + period + " --date " + businessDate, () -> {
            var result = context.getBean(DryRun.class).run(period, businessDate,
                    context.getBean(EngineSettings.class).workspaceFolders().out());
            System.out.println("DRY RUN of " + period + " for business date " + businessDate + ": nothing was changed");
            result.changes().forEach(c -> System.out.println("would change: " + c));
            if (result.changes().isEmpty()) {
                System.out.println("no figure would change");
            }
            result.problems().forEach(p -> System.err.println("problem: " + p));
            System.out.println("preview workbooks: " + result.previews());
            context.getBean(OperatorAudit.class).recordDone(
                    new OperatorAudit.Action(Operators.name(operator), "DRY_RUN", "monthly " + period,
                            "--date " + businessDate, null), result.changes().size() + " figure(s) would change");
            return result.problems().isEmpty() ? 0 : 3;
        });
    }
}

package io.partnersettlement.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Ingest the inbox, refresh performance and rewrite the performance workbooks of the periods it touched.",
                "Example: ./run.sh nightly --date 2026-11-02"})
class NightlyCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Business date (default: today minus the data lag, 2 days).")
    LocalDate date;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            LocalDate businessDate = BusinessDates.orDefault(date, context);
            var execution = context.getBean(JobRuns.class).startNightly(NightlyJobConfiguration.NIGHTLY_JOB, businessDate);
            return RunReport.print(context, execution, System.out);
        }
    }
}

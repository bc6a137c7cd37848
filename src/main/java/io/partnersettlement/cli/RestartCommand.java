package io.partnersettlement.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.JobRuns;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Resume a failed or killed run where it stopped (the latest one unless --execution is given).",
                "A run whose process died is recovered first. Example: ./run.sh restart --execution 12"})
class RestartCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--execution", paramLabel = "ID", description = "Execution id, as ./run.sh status shows it.")
    Long execution;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            var result = context.getBean(JobRuns.class).restart(execution);
            return RunReport.print(context, result, System.out);
        }
    }
}

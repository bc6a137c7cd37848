package io.partnersettlement.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.OperatorAudit;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Resume a failed or killed run where it stopped (the latest one unless --execution is given).",
                "A run whose process died is recovered first. Example: ./run.sh restart --execution 12"})
class RestartCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--execution", paramLabel = "ID", description = "Execution id, as ./run.sh status shows it.")
    Long execution;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            var audit = context.getBean(OperatorAudit.class);
            var action = new OperatorAudit.Action(Operators.name(operator), "RESTART",
                    execution == null ? "latest failed run" : "execution " + execution, null, null);
            if (execution == null && context.getBean(JobRuns.class).latestUnfinished().isEmpty()) {
                // a process killed after its run completed leaves nothing to resume: restarting is then a no-op
                audit.recordDone(action, "nothing to restart: every run completed");
                System.out.println("nothing to restart: every run completed");
                return 0;
            }
            JobExecution result;
            try {
                result = context.getBean(JobRuns.class).restart(execution);
            } catch (RuntimeException e) {
                audit.recordDone(action, "refused: " + e.getMessage());
                throw e;
            }
            audit.recordDone(action, "execution " + result.getId() + " " + result.getStatus());
            return RunReport.print(context, result, System.out);
        }
    }
}

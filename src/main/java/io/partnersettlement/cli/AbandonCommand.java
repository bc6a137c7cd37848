package io.partnersettlement.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.OperatorAudit;

@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = {"Give a failed or dead run up for good instead of restarting it: it is marked ABANDONED, and a "
                + "nightly run's files not yet settled go back to being waiting in the inbox, with every record and "
                + "rejected line it took from them removed, so the next run takes them whole and counts them once.",
                "A run that has already archived or set aside a file is restarted, not abandoned. Audited.",
                "Example: ./run.sh abandon --execution 12 --note \"inbox replaced by the vendor\""})
class AbandonCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--execution", paramLabel = "ID", required = true, description = "Execution id, as ./run.sh status shows it.")
    long execution;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit trail.")
    String note;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            var audit = context.getBean(OperatorAudit.class);
            var action = new OperatorAudit.Action(Operators.name(operator), "ABANDON", "execution " + execution, null, note);
            String undone;
            try {
                undone = context.getBean(JobRuns.class).abandon(execution);
            } catch (RuntimeException e) {
                audit.recordDone(action, "refused: " + e.getMessage());
                throw e;
            }
            audit.recordDone(action, "abandoned: " + undone);
            System.out.println("execution " + execution + " abandoned: " + undone);
            return 0;
        }
    }
}

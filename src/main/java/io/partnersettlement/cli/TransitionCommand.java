package io.partnersettlement.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;

@Command(name = "transition", mixinStandardHelpOptions = true,
        description = {"Move a confirmed statement on: COUNTERSIGNING, COUNTERSIGN_REJECTED (reopens it), "
                + "PENDING_PAYMENT_APPLICATION, PAYMENT_APPLICATION_FAILED, INVOICE_REVIEW, DISBURSING, PAID.",
                "Any other transition is refused and nothing changes.",
                "Example: ./run.sh transition --statement ST-202609-P001 --to COUNTERSIGNING --note \"sent to legal\""})
class TransitionCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--statement", paramLabel = "ID", required = true, description = "The statement id.")
    String statement;

    @Option(names = "--to", paramLabel = "STATE", required = true, description = "The new state.")
    StatementStatus to;

    @Option(names = "--note", paramLabel = "TEXT", description = "A note for the history.")
    String note;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            Outputs.publish(context);
            String who = Operators.name(operator);
            boolean changed = context.getBean(io.partnersettlement.run.OperatorAudit.class).record(
                    new io.partnersettlement.run.OperatorAudit.Action(who, "TRANSITION", statement, "--to " + to, note),
                    () -> context.getBean(StatementLifecycle.class).transition(statement, to, who, note),
                    done -> done ? "now " + to : "already " + to + ": nothing to do");
            Outputs.publish(context);
            System.out.println(statement + (changed ? " is now " : " is already ") + to);
            return 0;
        }
    }
}

package io.partnersettlement.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;

@Command(name = "transition", mixinStandardHelpOptions = true,
        description = {"Move a confirmed statement on: COUNTERSIGNING, COUNTERSIGN_REJECTED (reopens it), "
                + "PENDING_PAYMENT_APPLICATION, PAYMENT_APPLICATION_FAILED, INVOICE_REVIEW, INVOICE_REJECTED (with the "
                + "reviewer's --note), DISBURSING, PAID (with --paid-on and --reference).",
                "Any other transition is refused and nothing changes.",
                "Example: ./run.sh transition --statement ST-202609-P001 --to COUNTERSIGNING --note \"sent to legal\"",
                "Example: ./run.sh transition --statement ST-202609-P001 --to PAID --paid-on 2026-11-20 --reference BT-88123"})
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

    @Option(names = "--paid-on", paramLabel = "YYYY-MM-DD", description = "PAID: the day the payment was made.")
    LocalDate paidOn;

    @Option(names = "--reference", paramLabel = "REF", description = "PAID: the payment's reference (bank or account).")
    String reference;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            Outputs.publish(context);
            String who = Operators.name(operator);
            StatementLifecycle.Payment payment = paidOn == null && reference == null ? null
                    : new StatementLifecycle.Payment(paidOn, reference);
            String parameters = "--to " + to + (paidOn == null ? "" : " --paid-on " + paidOn)
                    + (reference == null ? "" : " --reference " + reference);
            boolean changed = context.getBean(OperatorAudit.class).record(
                    new OperatorAudit.Action(who, "TRANSITION", statement, parameters, note),
                    () -> context.getBean(StatementLifecycle.class).transition(statement, to, who, note, payment),
                    done -> done ? "now " + to : "already " + to + ": nothing to do");
            Outputs.publish(context);
            System.out.println(statement + (changed ? " is now " : " is already ") + to);
            return 0;
        }
    }
}

package io.partnersettlement.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.incentive.DetailFreezes;
import io.partnersettlement.run.OperatorAudit;

@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = {"Freeze an incentive detail (人工冻结): it is not paid until an operator releases it.",
                "Example: ./run.sh freeze --detail D-202609-P001-3f2a9c1b7e4d --reason \"customer dispute #4411\""})
class FreezeCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--detail", paramLabel = "ID", required = true, description = "The detail id (incentives workbook).")
    String detail;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why it is frozen; recorded.")
    String reason;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            String who = Operators.name(operator);
            context.getBean(OperatorAudit.class).record(
                    new OperatorAudit.Action(who, "FREEZE", detail, null, reason),
                    () -> {
                        context.getBean(DetailFreezes.class).freeze(detail, reason, who);
                        return "FROZEN (MANUAL)";
                    }, status -> "now " + status);
            System.out.println("detail " + detail + " frozen (MANUAL): " + reason);
            return 0;
        }
    }
}

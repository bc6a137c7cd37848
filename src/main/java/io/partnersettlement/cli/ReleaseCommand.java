package io.partnersettlement.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.incentive.DetailFreezes;
import io.partnersettlement.run.OperatorAudit;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Release an operator's freeze of an incentive detail; it then shows the next freeze reason that "
                + "holds (unpaid credit, milestone) or becomes available.",
                "Example: ./run.sh release --detail D-202609-P001-3f2a9c1b7e4d"})
class ReleaseCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--detail", paramLabel = "ID", required = true, description = "The detail id.")
    String detail;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date for the credit check (default: today minus the data lag).")
    LocalDate date;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            LocalDate businessDate = BusinessDates.orDefault(date, context);
            String who = Operators.name(operator);
            String status = context.getBean(OperatorAudit.class).record(
                    new OperatorAudit.Action(who, "RELEASE", detail, "--date " + businessDate, null),
                    () -> context.getBean(DetailFreezes.class).release(detail, who, businessDate), s -> "now " + s);
            System.out.println("detail " + detail + " released: now " + status);
            return 0;
        }
    }
}

package io.partnersettlement.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.statement.StatementLifecycle;

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = {"Confirm statements (待确认 → 待会签): the details they count as available are settled in them.",
                "At most 100 statements in one action, all or none; --period confirms all of a period's pending "
                        + "statements in successive actions of at most 100.",
                "Examples: ./run.sh confirm --period 2026-09    ./run.sh confirm --statements ST-202609-P001,ST-202609-P002"})
class ConfirmCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    static class Target {
        @Option(names = "--period", paramLabel = "YYYY-MM", required = true, description = "Every pending statement of the period.")
        String period;

        @Option(names = "--statements", paramLabel = "IDS", split = ",", required = true,
                description = "Statement ids, comma separated (at most 100).")
        List<String> statements;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
    String operator;

    @Option(names = "--note", paramLabel = "TEXT", description = "A note for the history.")
    String note;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            Outputs.publish(context);
            StatementLifecycle lifecycle = context.getBean(StatementLifecycle.class);
            var audit = context.getBean(io.partnersettlement.run.OperatorAudit.class);
            String who = Operators.name(operator);
            List<String> confirmed;
            if (target.period != null) {
                var action = new io.partnersettlement.run.OperatorAudit.Action(who, "CONFIRM", "period " + target.period,
                        "--period " + target.period, note);
                int count = audit.record(action, () -> lifecycle.confirmPeriod(target.period, who),
                        n -> n == 0 ? "nothing to confirm: already confirmed" : "confirmed " + n + " statement(s)");
                if (count == 0) {
                    Outputs.publish(context);
                    System.out.println("nothing to confirm: every statement of " + target.period + " is already confirmed");
                    return 0;
                }
                confirmed = context.getBean(JdbcTemplate.class).queryForList("""
                        SELECT statement_id FROM statement WHERE period = ? AND status = 'PENDING_COUNTERSIGN'
                         ORDER BY statement_id""", String.class, target.period);
            } else {
                var action = new io.partnersettlement.run.OperatorAudit.Action(who, "CONFIRM",
                        String.join(",", target.statements), "--statements " + String.join(",", target.statements), note);
                audit.record(action, () -> {
                    lifecycle.confirm(target.statements, who, note);
                    return target.statements.size();
                }, n -> "confirmed " + n + " statement(s)");
                confirmed = target.statements;
            }
            Outputs.publish(context);
            System.out.println("confirmed: " + String.join(", ", confirmed));
            return 0;
        }
    }
}

package io.partnersettlement.cli;

import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.OperatorAudit;
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
        YearMonth period;

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

    /** States a statement is in once confirmed (and not reopened by a rejected countersign). */
    static final List<String> CONFIRMED = List.of("PENDING_COUNTERSIGN", "COUNTERSIGNING", "PENDING_PAYMENT_APPLICATION",
            "PAYMENT_APPLICATION_FAILED", "INVOICE_REVIEW", "DISBURSING", "PAID");

    /**
     * Repeating a confirmation (after a crash, or from a script) finds it done and exits 0, for --period and
     * --statements alike; a statement that cannot be confirmed is refused (exit 1) and nothing is confirmed.
     */
    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            Outputs.publish(context);
            StatementLifecycle lifecycle = context.getBean(StatementLifecycle.class);
            OperatorAudit audit = context.getBean(OperatorAudit.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String who = Operators.name(operator);
            List<String> confirmed;
            if (target.period != null) {
                String period = target.period.toString();
                var action = new OperatorAudit.Action(who, "CONFIRM", "period " + period, "--period " + period, note);
                int count = audit.record(action, () -> lifecycle.confirmPeriod(period, who),
                        n -> n == 0 ? "nothing to confirm: already confirmed" : "confirmed " + n + " statement(s)");
                if (count == 0) {
                    Outputs.publish(context);
                    System.out.println("already confirmed: every statement of " + period + " (nothing to do)");
                    return 0;
                }
                confirmed = jdbc.queryForList("""
                        SELECT statement_id FROM statement WHERE period = ? AND status = 'PENDING_COUNTERSIGN'
                         ORDER BY statement_id""", String.class, period);
            } else {
                List<String> given = List.copyOf(new LinkedHashSet<>(target.statements));
                List<String> already = given.stream().filter(id -> CONFIRMED.contains(status(jdbc, id))).toList();
                List<String> toConfirm = given.stream().filter(id -> !already.contains(id)).toList();
                var action = new OperatorAudit.Action(who, "CONFIRM", String.join(",", given),
                        "--statements " + String.join(",", given), note);
                audit.record(action, () -> {
                    if (!toConfirm.isEmpty()) {
                        lifecycle.confirm(toConfirm, who, note);
                    }
                    return toConfirm.size();
                }, n -> (n == 0 ? "nothing to confirm" : "confirmed " + n + " statement(s)")
                        + (already.isEmpty() ? "" : "; already confirmed: " + String.join(",", already)));
                if (!already.isEmpty()) {
                    System.out.println("already confirmed (nothing to do): " + String.join(", ", already));
                }
                confirmed = toConfirm;
            }
            Outputs.publish(context);
            if (!confirmed.isEmpty()) {
                System.out.println("confirmed: " + String.join(", ", confirmed));
            }
            return 0;
        }
    }

    private static String status(JdbcTemplate jdbc, String statementId) {
        return jdbc.queryForList("SELECT status FROM statement WHERE statement_id = ?", String.class, statementId).stream()
                .findFirst().orElse("");
    }
}

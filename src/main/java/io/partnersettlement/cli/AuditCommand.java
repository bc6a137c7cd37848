package io.partnersettlement.cli;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Operators' actions: when, who, what, on what, parameters, note, outcome (refusals included).",
                "Example: ./run.sh audit --since 2026-11-01"})
class AuditCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only actions on or after this day.")
    LocalDate since;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = workspace.boot()) {
            System.out.printf("%-19s %-14s %-10s %-32s %s%n", "when", "who", "action", "subject", "parameters / note / outcome");
            context.getBean(JdbcTemplate.class).query("""
                    SELECT acted_at, operator, action, subject, parameters, note, outcome FROM operator_action
                     WHERE acted_at >= ? ORDER BY action_id""", rs -> {
                String details = (rs.getString(5) == null ? "" : rs.getString(5) + " ")
                        + (rs.getString(6) == null ? "" : "note \"" + rs.getString(6) + "\" ") + "→ " + rs.getString(7);
                System.out.printf("%-19s %-14s %-10s %-32s %s%n",
                        rs.getTimestamp(1).toLocalDateTime().withNano(0).toString().replace('T', ' '), rs.getString(2),
                        rs.getString(3), rs.getString(4), details);
            }, Timestamp.valueOf((since == null ? LocalDate.of(1970, 1, 1) : since).atStartOfDay()));
            return 0;
        }
    }
}

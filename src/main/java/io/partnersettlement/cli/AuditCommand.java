package io.partnersettlement.cli;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.csv.CsvSplitter;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Operators' actions: when, who, what, on what, parameters, note, outcome (refusals included).",
                "Examples: ./run.sh audit --since 2026-11-01    ./run.sh audit --action confirm --outcome refused --csv > refusals.csv"})
class AuditCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only actions on or after this day.")
    LocalDate since;

    @Option(names = "--operator", paramLabel = "NAME", description = "Only this operator's actions.")
    String operator;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this action: CONFIRM, TRANSITION, FREEZE, RELEASE, RERUN, RESTART, DRY_RUN (any case).")
    String action;

    @Option(names = "--outcome", paramLabel = "TEXT",
            description = "Only actions whose outcome contains this text, e.g. refused, failed, confirmed (any case).")
    String outcome;

    @Option(names = "--csv", description = "Comma-separated values with a header row instead of a table.")
    boolean csv;

    record Entry(String when, String operator, String action, String subject, String parameters, String note,
            String outcome) {
    }

    @Override
    public Integer call() {
        List<Entry> entries = new ArrayList<>();
        try (LedgerView ledger = workspace.read()) {
            ledger.jdbc.query("""
                    SELECT acted_at, operator, action, subject, parameters, note, outcome FROM operator_action
                     WHERE acted_at >= ? ORDER BY action_id""", rs -> {
                Entry e = new Entry(rs.getTimestamp(1).toLocalDateTime().withNano(0).toString().replace('T', ' '),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                if (matches(e)) {
                    entries.add(e);
                }
            }, Timestamp.valueOf((since == null ? LocalDate.of(1970, 1, 1) : since).atStartOfDay()));
        }
        if (csv) {
            System.out.println("acted_at,operator,action,subject,parameters,note,outcome");
            entries.forEach(e -> System.out.println(String.join(",", CsvSplitter.quote(e.when()), CsvSplitter.quote(e.operator()),
                    CsvSplitter.quote(e.action()), CsvSplitter.quote(e.subject()), CsvSplitter.quote(e.parameters()),
                    CsvSplitter.quote(e.note()), CsvSplitter.quote(e.outcome()))));
            return 0;
        }
        System.out.printf("%-19s %-14s %-10s %-32s %s%n", "when", "who", "action", "subject", "parameters / note / outcome");
        for (Entry e : entries) {
            String details = (e.parameters() == null ? "" : e.parameters() + " ")
                    + (e.note() == null ? "" : "note \"" + e.note() + "\" ") + "→ " + e.outcome();
            System.out.printf("%-19s %-14s %-10s %-32s %s%n", e.when(), e.operator(), e.action(), e.subject(), details);
        }
        if (entries.isEmpty()) {
            System.out.println("(no action" + (operator != null || action != null || outcome != null ? " matches" : " yet") + ")");
        }
        return 0;
    }

    private boolean matches(Entry e) {
        return (operator == null || operator.equalsIgnoreCase(e.operator()))
                && (action == null || action.strip().replace('-', '_').equalsIgnoreCase(e.action()))
                && (outcome == null || e.outcome().toLowerCase(Locale.ROOT).contains(outcome.toLowerCase(Locale.ROOT)));
    }
}

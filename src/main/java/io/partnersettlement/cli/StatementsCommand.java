package io.partnersettlement.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.money.Money;
import io.partnersettlement.statement.StatementStatus;

@Command(name = "statements", mixinStandardHelpOptions = true,
        description = {"The reconciliation statements: id, partner, period, status, payable, the business date it was "
                + "generated for, and (pending confirmation) the day the nightly run confirms it automatically.",
                "Examples: ./run.sh statements --period 2026-10 --status pending_confirmation    "
                        + "./run.sh statements --due-before 2026-11-10"})
class StatementsCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "Only this period.")
    YearMonth period;

    @Option(names = "--status", paramLabel = "STATE", description = "Only this state (any case), e.g. PENDING_CONFIRMATION, PAID.")
    StatementStatus status;

    @Option(names = "--partner", paramLabel = "ID", description = "Only this partner.")
    String partner;

    @Option(names = "--due-before", paramLabel = "YYYY-MM-DD",
            description = "Only statements pending confirmation whose auto-confirm deadline is before this day.")
    LocalDate dueBefore;

    @Option(names = "--confirmation-days", paramLabel = "DAYS", defaultValue = "${env:SETTLEMENT_CONFIRMATIONDAYS:-7}",
            description = "Days after generation a pending statement is confirmed automatically (the engine's "
                    + "settlement.confirmation-days; default: ${DEFAULT-VALUE}).")
    int confirmationDays;

    record Row(String id, String partner, String period, String status, String currency, BigDecimal payable,
            LocalDate generated, LocalDate deadline) {
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        try (LedgerView ledger = workspace.read()) {
            ledger.jdbc.query("""
                    SELECT statement_id, partner_id, period, status, currency, payable, generated_for_date FROM statement
                     ORDER BY period, partner_id""", rs -> {
                String state = rs.getString(4);
                LocalDate generated = rs.getObject(7, LocalDate.class);
                LocalDate deadline = StatementStatus.PENDING_CONFIRMATION.name().equals(state)
                        ? generated.plusDays(confirmationDays) : null;
                Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), state, rs.getString(5),
                        rs.getBigDecimal(6), generated, deadline);
                if ((period == null || period.toString().equals(row.period()))
                        && (status == null || status.name().equals(state))
                        && (partner == null || partner.equals(row.partner()))
                        && (dueBefore == null || deadline != null && deadline.isBefore(dueBefore))) {
                    rows.add(row);
                }
            });
        }
        System.out.printf("%-24s %-12s %-7s %-27s %20s %-10s %s%n", "statement", "partner", "period", "status", "payable",
                "generated", "auto-confirm");
        for (Row r : rows) {
            System.out.printf("%-24s %-12s %-7s %-27s %,16f %-3s %-10s %s%n".replace("%,16f",
                            "%,16." + Money.minorUnitDigits(r.currency()) + "f"), r.id(), r.partner(), r.period(), r.status(),
                    Money.round(r.payable(), r.currency()), r.currency(), r.generated(),
                    r.deadline() == null ? "" : r.deadline());
        }
        System.out.println(rows.size() + " statement(s)");
        return 0;
    }
}

package io.partnersettlement.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.ingest.DetailRecords;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.workspace.Workspace;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Where an incentive detail comes from: the consumption records behind it (file, line, record id, "
                + "bill date, amounts, what each adds to the base) and the statements that count it or settled it.",
                "Example: ./run.sh trace --detail D-202609-P001-3f2a9c1b7e4d"})
class TraceCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--detail", paramLabel = "ID", required = true, description = "The detail id (incentives workbook).")
    String detail;

    @Option(names = "--default-currency", paramLabel = "CODE", defaultValue = "${env:SETTLEMENT_DEFAULTCURRENCY:-CNY}",
            description = "Currency of records that name none (the engine's settlement.default-currency; default: ${DEFAULT-VALUE}).")
    String defaultCurrency;

    @Override
    public Integer call() {
        try (LedgerView ledger = workspace.read()) {
            List<Map<String, Object>> rows = ledger.jdbc.queryForList("""
                    SELECT period, partner_id, customer_id, association_type, service_type_code, order_id, funding, currency,
                           late, base, rate, amount, status, freeze_reason, parent_detail_id, settled_statement_id, record_count
                      FROM incentive_detail WHERE detail_id = ?""", detail);
            if (rows.isEmpty()) {
                throw new EngineException("no incentive detail " + detail + " (the incentives workbook of its period lists the ids)");
            }
            Map<String, Object> d = rows.get(0);
            System.out.printf("detail %s: period %s, partner %s, customer %s, %s, service %s%s, %s, %s%s%n", detail,
                    d.get("period"), d.get("partner_id"), d.get("customer_id"), d.get("association_type"),
                    d.get("service_type_code"), "".equals(d.get("order_id")) ? "" : ", order " + d.get("order_id"),
                    d.get("funding"), d.get("currency"), Boolean.TRUE.equals(d.get("late")) ? ", late" : "");
            System.out.printf("  base %s × rate %s → amount %s, %s%s%s, %s record(s)%n", plain(d.get("base")),
                    plain(d.get("rate")), plain(d.get("amount")), d.get("status"),
                    d.get("freeze_reason") == null ? "" : " (" + d.get("freeze_reason") + ")",
                    d.get("parent_detail_id") == null ? "" : ", a milestone part of " + d.get("parent_detail_id"),
                    d.get("record_count"));
            Path root = workspace.workspace;
            var key = new DetailRecords.Key((String) d.get("period"), (String) d.get("partner_id"),
                    (String) d.get("customer_id"), (String) d.get("association_type"), (String) d.get("service_type_code"),
                    (String) d.get("order_id"), (String) d.get("funding"), ((String) d.get("currency")).strip(),
                    Boolean.TRUE.equals(d.get("late")));
            List<DetailRecords.Traced> records = DetailRecords.of(ledger.jdbc, new Workspace(root), defaultCurrency, key);
            System.out.println();
            System.out.printf("%-44s %8s  %-24s %-10s %-5s %16s %16s %16s %16s%n", "file", "line", "record id", "bill date",
                    "type", "payment", "cash part", "credit part", "adds to base");
            BigDecimal total = BigDecimal.ZERO;
            for (DetailRecords.Traced t : records) {
                System.out.printf("%-44s %8d  %-24s %-10s %-5s %16s %16s %16s %16s%n", t.file(), t.line(), t.recordId(),
                        t.billDate(), t.billType(), plain(t.paymentAmount()), plain(t.cashPart()), plain(t.creditPart()),
                        plain(t.base()));
                total = total.add(t.base());
            }
            System.out.println(records.size() + " record(s), adding up to a base of " + plain(total)
                    + (d.get("base") == null || total.compareTo((BigDecimal) d.get("base")) == 0 ? ""
                            : " (the detail's base is " + plain(d.get("base")) + ": a file was moved or changed since)"));
            System.out.println();
            List<Map<String, Object>> statements = ledger.jdbc.queryForList("""
                    SELECT x.statement_id, s.status, x.role, x.status AS detail_status, x.settlement_amount, s.currency
                      FROM statement_detail x JOIN statement s ON s.statement_id = x.statement_id
                     WHERE x.detail_id = ? ORDER BY s.period, x.statement_id""", detail);
            for (Map<String, Object> s : statements) {
                System.out.printf("statement %s (%s) counts it as %s %s: %s %s%s%n", s.get("statement_id"), s.get("status"),
                        s.get("role"), s.get("detail_status"), plain(s.get("settlement_amount")), s.get("currency"),
                        s.get("statement_id").equals(d.get("settled_statement_id")) ? " — settled in it" : "");
            }
            if (d.get("settled_statement_id") == null) {
                System.out.println("not settled yet: no confirmed statement has paid it");
            } else if (statements.stream().noneMatch(s -> s.get("statement_id").equals(d.get("settled_statement_id")))) {
                System.out.println("settled in statement " + d.get("settled_statement_id"));
            }
            return 0;
        }
    }

    private static String plain(Object value) {
        return value == null ? "" : ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
}

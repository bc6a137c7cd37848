package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.reference.ReferenceDataStore;
import io.partnersettlement.run.ChangeReport;
import io.partnersettlement.statement.StatementWorkbook;

/**
 * {@code ./run.sh monthly --period P --dry-run}: the monthly settlement of the period — the same code the job runs,
 * earlier periods with frozen details or late records included — in a transaction that is rolled back, written as
 * preview workbooks under {@code out/P/dry-run/}, and the differences against the current figures. The ledger and the
 * statements are left exactly as they were.
 */
@Component
public class DryRun {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MonthlySettlement settlement;
    private final IncentiveWorkbook incentives;
    private final StatementWorkbook statementWorkbooks;
    private final ReferenceDataStore referenceData;

    public DryRun(JdbcTemplate jdbc, TransactionTemplate transaction, MonthlySettlement settlement,
            IncentiveWorkbook incentives, StatementWorkbook statementWorkbooks, ReferenceDataStore referenceData) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settlement = settlement;
        this.incentives = incentives;
        this.statementWorkbooks = statementWorkbooks;
        this.referenceData = referenceData;
    }

    /**
     * What a dry run found: the changed figures of every period it computed, the problems, where the preview workbooks
     * are, and the period's statements as they would be (every column, by statement id).
     */
    public record Result(List<String> changes, List<String> problems, Path previews,
            Map<String, Map<String, Object>> statements) {
    }

    public Result run(String period, LocalDate businessDate, Path outDir) {
        Path previews = outDir.resolve(period).resolve("dry-run");
        return transaction.execute(tx -> {
            List<String> periods = settlement.periodsComputed(period);
            ChangeReport report = ChangeReport.before(jdbc, periods);
            // the reference data as it is now, as the monthly run would read it (rolled back with the rest)
            referenceData.refresh();
            MonthlySettlement.Details details = settlement.computeDetails(period, businessDate);
            List<String> problems = new ArrayList<>(details.problems());
            problems.addAll(settlement.generateStatements(period, businessDate));
            // the preview workbooks live in a folder of their own: out/P/dry-run/<period>/...
            for (String each : details.changed()) {
                incentives.write(each, previews);
            }
            statementWorkbooks.writePeriod(period, previews);
            List<String> changes = report.changes(jdbc, periods, previews.resolve("dry-run-changes-" + period + ".csv"));
            Map<String, Map<String, Object>> statements = statementRows(jdbc, period);
            tx.setRollbackOnly();
            return new Result(changes, problems, previews.resolve(period), statements);
        });
    }

    /** The period's statements, every column but the generation's bookkeeping, by statement id. */
    public static Map<String, Map<String, Object>> statementRows(JdbcTemplate jdbc, String period) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM statement WHERE period = ?", period)) {
            Map<String, Object> figures = new TreeMap<>();
            row.forEach((column, value) -> {
                String name = column.toLowerCase(Locale.ROOT);
                if (!name.equals("workbook_stale")) {
                    figures.put(name, value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value);
                }
            });
            rows.put((String) figures.get("statement_id"), figures);
        }
        return rows;
    }
}

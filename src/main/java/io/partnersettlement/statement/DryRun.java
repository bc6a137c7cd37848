package io.partnersettlement.statement;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.incentive.IncentiveDetailCalculator;
import io.partnersettlement.incentive.IncentiveWorkbook;
import io.partnersettlement.run.ChangeReport;

/**
 * {@code ./run.sh monthly --period P --dry-run}: the period computed in a transaction that is rolled back — details,
 * splits, statements — written as preview workbooks under {@code out/P/dry-run/}, and the differences against the
 * current figures. The ledger and the statements are left exactly as they were.
 */
@Component
public class DryRun {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final IncentiveDetailCalculator calculator;
    private final StatementGenerator statements;
    private final IncentiveWorkbook incentives;
    private final StatementWorkbook statementWorkbooks;
    private final io.partnersettlement.reference.ReferenceDataStore referenceData;

    public DryRun(JdbcTemplate jdbc, TransactionTemplate transaction, IncentiveDetailCalculator calculator,
            StatementGenerator statements, IncentiveWorkbook incentives, StatementWorkbook statementWorkbooks,
            io.partnersettlement.reference.ReferenceDataStore referenceData) {
        this.referenceData = referenceData;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.calculator = calculator;
        this.statements = statements;
        this.incentives = incentives;
        this.statementWorkbooks = statementWorkbooks;
    }

    /** What a dry run found: the changed figures, the problems, and where the preview workbooks are. */
    public record Result(List<String> changes, List<String> problems, Path previews) {
    }

    public Result run(String period, LocalDate businessDate, Path outDir) {
        Path previews = outDir.resolve(period).resolve("dry-run");
        return transaction.execute(tx -> {
            ChangeReport report = ChangeReport.before(jdbc, List.of(period));
            // the reference data as it is now, as the monthly run would read it (rolled back with the rest)
            referenceData.refresh();
            List<String> problems = new ArrayList<>(calculator.compute(period, businessDate).problems());
            problems.addAll(statements.generate(period, businessDate));
            // the preview workbooks live in a folder of their own: out/P/dry-run/P/...
            incentives.write(period, previews);
            statementWorkbooks.writePeriod(period, previews);
            List<String> changes = report.changes(jdbc, List.of(period), previews.resolve("dry-run-changes-" + period + ".csv"));
            tx.setRollbackOnly();
            return new Result(changes, problems, previews.resolve(period));
        });
    }
}

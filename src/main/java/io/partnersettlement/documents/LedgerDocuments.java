package io.partnersettlement.documents;

import java.nio.file.Path;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.invoice.InvoiceListWorkbook;
import io.partnersettlement.performance.PerformanceWorkbook;
import io.partnersettlement.statement.StatementWorkbook;

/**
 * The documents in {@code out/} that show the ledger: every command that changes what one shows rewrites it before it
 * exits. A change and its stale mark commit together, so a process that dies between them leaves the mark, and the
 * next command catches up.
 */
@Component
public class LedgerDocuments {

    private final JdbcTemplate jdbc;
    private final StatementWorkbook statements;
    private final PerformanceWorkbook performance;
    private final InvoiceListWorkbook invoiceLists;

    public LedgerDocuments(JdbcTemplate jdbc, StatementWorkbook statements, PerformanceWorkbook performance,
            InvoiceListWorkbook invoiceLists) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.performance = performance;
        this.invoiceLists = invoiceLists;
    }

    /**
     * Rewrites the statement workbooks older than their statements and the performance workbooks of periods whose
     * status changed (confirmed: FINAL; countersign rejected: ESTIMATED), sets aside withdrawn invoice lists and writes
     * the missing ones.
     */
    public void publish(Path outDir) {
        statements.writeStale(outDir);
        List<String> periods = jdbc.queryForList(
                "SELECT DISTINCT period FROM performance_period WHERE workbook_stale = TRUE ORDER BY period", String.class);
        for (String period : periods) {
            performance.write(period, outDir);
            jdbc.update("UPDATE performance_period SET workbook_stale = FALSE WHERE period = ?", period);
        }
        invoiceLists.writeMissing(outDir);
    }
}

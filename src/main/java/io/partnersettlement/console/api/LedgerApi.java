package io.partnersettlement.console.api;

import java.time.LocalDate;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.partnersettlement.console.AuditCsv;
import io.partnersettlement.console.ConsoleLedger;
import io.partnersettlement.console.Downloads;

/** The API's reads: runs, statements, details with their records, the audit log and the workbooks. Either role. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "ledger", description = "Reads (OPERATOR or ANALYST)")
class LedgerApi {

    private final ConsoleLedger ledger;

    LedgerApi(ConsoleLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/runs")
    @Operation(summary = "Recent runs, newest first: state (DIED when its node is gone), counts, duration")
    List<ConsoleLedger.Run> runs(@RequestParam(defaultValue = "50") int last) {
        return ledger.runs(Math.max(1, Math.min(last, 1000)));
    }

    @GetMapping("/runs/{executionId}")
    @Operation(summary = "One run with its steps' progress")
    ConsoleLedger.Run run(@PathVariable long executionId) {
        return ledger.run(executionId);
    }

    @GetMapping("/statements")
    @Operation(summary = "Statements, filtered by period (YYYY-MM), status, partner and auto-confirm deadline (before a day)")
    List<ConsoleLedger.StatementRow> statements(@RequestParam(required = false) String period,
            @RequestParam(required = false) String status, @RequestParam(required = false) String partner,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore) {
        return ledger.statements(new ConsoleLedger.StatementFilter(period, status, partner, dueBefore));
    }

    @GetMapping("/statements/{statementId}")
    @Operation(summary = "A statement: figures, the details it counts, history, payment application, allowed transitions, documents")
    ConsoleLedger.StatementView statement(@PathVariable String statementId) {
        return ledger.statement(statementId);
    }

    @GetMapping("/details/{detailId}")
    @Operation(summary = "An incentive detail: its records (file and line), freeze, actions, splits and statements")
    ConsoleLedger.DetailView detail(@PathVariable String detailId) {
        return ledger.detail(detailId);
    }

    @GetMapping("/audit")
    @Operation(summary = "Operators' actions, newest first, filtered by days (from, to), action, operator and outcome text")
    List<ConsoleLedger.AuditEntry> audit(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String action, @RequestParam(required = false) String operator,
            @RequestParam(required = false) String outcome, @RequestParam(defaultValue = "1000") int limit) {
        return ledger.audit(new ConsoleLedger.AuditFilter(from, to, action, operator, outcome),
                Math.max(1, Math.min(limit, 100_000)));
    }

    @GetMapping(path = "/audit.csv", produces = "text/csv")
    @Operation(summary = "The same, as CSV (the columns of ./run.sh audit --csv)")
    ResponseEntity<String> auditCsv(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String action, @RequestParam(required = false) String operator,
            @RequestParam(required = false) String outcome) {
        return AuditCsv.response(ledger.audit(new ConsoleLedger.AuditFilter(from, to, action, operator, outcome),
                Integer.MAX_VALUE));
    }

    @GetMapping("/workbooks")
    @Operation(summary = "Every workbook in out/: path (what /api/workbooks/file takes), period, kind, size")
    List<ConsoleLedger.Workbook> workbooks() {
        return ledger.workbooks();
    }

    @GetMapping(path = "/workbooks/file", produces = Downloads.XLSX)
    @Operation(summary = "Download a workbook by its path in out/, e.g. 2026-09/statements/ST-202609-P001.xlsx")
    ResponseEntity<Resource> workbook(@RequestParam String path) {
        return Downloads.workbook(ledger.workbookFile(path));
    }
}

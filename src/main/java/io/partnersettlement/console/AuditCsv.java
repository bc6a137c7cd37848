package io.partnersettlement.console;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.partnersettlement.csv.CsvSplitter;

/**
 * The audit log as CSV, in the columns of {@code ./run.sh audit --csv}. A text cell a spreadsheet would take for a
 * formula (=, +, -, @, tab, CR) is prefixed with a quote, as the engine's workbooks store such text.
 */
public final class AuditCsv {

    private AuditCsv() {
    }

    public static String of(List<ConsoleLedger.AuditEntry> entries) {
        StringBuilder csv = new StringBuilder("acted_at,operator,action,subject,parameters,note,outcome\n");
        for (ConsoleLedger.AuditEntry e : entries) {
            csv.append(String.join(",", cell(e.actedAt().toString().replace('T', ' ')), cell(e.operator()),
                    cell(e.action()), cell(e.subject()), cell(e.parameters()), cell(e.note()), cell(e.outcome())))
                    .append('\n');
        }
        return csv.toString();
    }

    public static ResponseEntity<String> response(List<ConsoleLedger.AuditEntry> entries) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("audit.csv").build()
                        .toString())
                .body(of(entries));
    }

    private static String cell(String text) {
        if (text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return CsvSplitter.quote(text);
    }
}

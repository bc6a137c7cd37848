package io.partnersettlement.statement;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.Sheets;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The documents in out/ tell what the ledger says at the end of every command: a confirmed statement's workbook is a
 * snapshot, the performance workbook follows confirmations and rejections, an invoice list totals its statement's
 * payable and a withdrawn one is set aside; workbooks get the permissions every other file gets.
 */
class DocumentsFollowTheLedgerTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyDocumentAgreesWithTheLedgerAfterEveryCommand(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C4", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("sep.csv", CURRENT_HEADER,
                usage("s1", "C1", "2026-09-01", "20000.00"),
                record("s2", "C1", "2026-09-02", "5", "hws.service.type.rds", "", "10000.00", "0", "0", "0"),
                record("s3", "C4", "2026-09-03", "5", "hws.service.type.ec2", "", "0", "1000.00", "0", "0"));
        String url = fixture.database(database);
        Path out = ws.root().resolve("out");
        Path statement = out.resolve("2026-09/statements/ST-202609-P1.xlsx");
        Path performance = out.resolve("2026-09/performance-2026-09.xlsx");
        Path invoiceList = out.resolve("2026-09/invoice-lists/PA-202609-P1.xlsx");
        assertThat(Cli.run(ws.root(), url, "nightly", "--date", "2026-10-02")).isZero();
        // CORE REFERRAL 9 %: C1 ec2 20000.00 → 1800.00, C1 rds 10000.00 → 900.00 (available);
        // C4 credit 1000.00 → 90.00, frozen until repaid
        assertThat(Cli.run(ws.root(), url, "monthly", "--period", "2026-09", "--date", "2026-10-02")).isZero();
        assertThat(Cli.run(ws.root(), url, "confirm", "--period", "2026-09", "--operator", "li")).isZero();

        // the confirmation made September's performance FINAL: its workbook says so when the command ends
        assertThat(performanceStatus(performance)).isEqualTo("FINAL");
        // the invoice list totals the payable: 1800.00 + 900.00 = 2700.00
        assertThat(Sheets.invoiceListTotal(invoiceList)).isEqualByComparingTo("2700.00");
        assertThat(payable(ws, url)).isEqualByComparingTo("2700.00");
        Map<String, Object> confirmedFigures = Sheets.labels(statement, "Statement");
        List<Map<String, Object>> confirmedDetails = Sheets.table(statement, "Details");
        assertThat(confirmedDetails).filteredOn(row -> "FROZEN".equals(row.get("status")))
                .extracting(row -> row.get("freeze_reason")).containsExactly("CREDIT_UNPAID");

        // C4 repays September; October's run releases its 90.00 in the ledger, and the statement moves on
        ws.repaid("C4", "2026-09", "2026-10-20").writeReference();
        assertThat(Cli.run(ws.root(), url, "monthly", "--period", "2026-10", "--date", "2026-11-02")).isZero();
        assertThat(Cli.run(ws.root(), url, "transition", "--statement", "ST-202609-P1", "--to", "COUNTERSIGNING"))
                .isZero();
        // the confirmed statement's sheets are what was confirmed: only its status changed
        assertThat(Sheets.labels(statement, "Statement")).isEqualTo(with(confirmedFigures, "status", "COUNTERSIGNING"));
        assertThat(Sheets.table(statement, "Details")).isEqualTo(confirmedDetails);

        // the countersign is rejected: the application is withdrawn, its list set aside under a name that says so,
        // and the period's performance is an estimate again
        assertThat(Cli.run(ws.root(), url, "transition", "--statement", "ST-202609-P1", "--to",
                "COUNTERSIGN_REJECTED")).isZero();
        assertThat(invoiceList).doesNotExist();
        assertThat(withdrawn(out)).hasSize(1);
        assertThat(Sheets.invoiceListTotal(withdrawn(out).get(0))).isEqualByComparingTo("2700.00");
        assertThat(performanceStatus(performance)).isEqualTo("ESTIMATED");

        // the rds detail is frozen by an operator; September is generated again and confirmed again:
        // available 1800.00 + 90.00 (C4 repaid) = 1890.00, frozen 900.00; the new list totals 1890.00
        String rds = detailId(ws, url, "hws.service.type.rds");
        assertThat(Cli.run(ws.root(), url, "freeze", "--detail", rds, "--reason", "disputed")).isZero();
        assertThat(Cli.run(ws.root(), url, "monthly", "--period", "2026-09", "--date", "2026-11-03")).isZero();
        assertThat(Cli.run(ws.root(), url, "confirm", "--period", "2026-09")).isZero();
        assertThat(payable(ws, url)).isEqualByComparingTo("1890.00");
        assertThat(Sheets.invoiceListTotal(invoiceList)).isEqualByComparingTo("1890.00");
        assertThat(withdrawn(out)).hasSize(1);
        assertThat(performanceStatus(performance)).isEqualTo("FINAL");

        // workbooks follow the umask as every other file does (a private 0600 file cannot be shared)
        Path plain = Files.createFile(out.resolve("2026-09/plain-file"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(statement)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(performance)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
    }

    static Map<String, Object> with(Map<String, Object> figures, String label, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(figures);
        changed.put(label, value);
        return changed;
    }

    static String performanceStatus(Path workbook) {
        return Sheets.table(workbook, "Summary").stream().filter(row -> "P1".equals(row.get("partner_id")))
                .map(row -> String.valueOf(row.get("status"))).findFirst().orElseThrow();
    }

    static BigDecimal payable(TestWorkspace ws, String url) {
        try (Engine engine = new Engine(ws.root(), url)) {
            return engine.decimal("SELECT payable FROM statement WHERE statement_id = 'ST-202609-P1'");
        }
    }

    static String detailId(TestWorkspace ws, String url, String service) {
        try (Engine engine = new Engine(ws.root(), url)) {
            return engine.jdbc().queryForObject("SELECT detail_id FROM incentive_detail WHERE service_type_code = ?",
                    String.class, service);
        }
    }

    static List<Path> withdrawn(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("2026-09/invoice-lists"))) {
            return files.filter(f -> f.getFileName().toString().matches("PA-202609-P1-withdrawn-.*\\.xlsx")).toList();
        }
    }
}

package io.partnersettlement.ingest;

import static io.partnersettlement.ingest.NightlyJobTest.performance;
import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.partnersettlement.reference.ReferenceDataException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Hostile and broken input through the nightly job: every bad file or line is named with its line and reason, and
 * nothing else is lost — the good files and lines beside it are ingested, and bad reference data fails the run before
 * anything changes.
 */
class HostileInputTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final int TEN_MB = 10 * 1024 * 1024;
    static final String UTF8_ONLY = ": the engine reads UTF-8 only; convert the file (e.g. iconv -f GBK -t UTF-8) and put it"
            + " in the inbox again";

    @TempDir
    Path dir;

    TestWorkspace workspace(String name) {
        return new TestWorkspace(dir.resolve(name))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .writeReference();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyHostileFileOfOneInboxIsSetAsideOrRejectedLineByLineAndTheRestIsIngested(TestDatabase database)
            throws Exception {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("a-good.csv", CURRENT_HEADER, usage("g1", "C1", "2026-09-03", "7.00"));
        // a gzip file cut short in transfer
        Path cut = ws.inboxGzip("b-cut.csv.gz", CURRENT_HEADER, usage("z1", "C1", "2026-09-01", "1.00"));
        byte[] gz = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(gz, gz.length - 12));
        // random bytes named .csv; 0xFF is never UTF-8, so the first line is the bad one
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        Files.write(ws.inbox().resolve("c-garbage.csv"), garbage);
        // one Latin-1 byte (é = 0xE9) on line 3 of an otherwise ASCII file
        write(ws, "d-latin1.csv", StandardCharsets.ISO_8859_1, CURRENT_HEADER + "\n" + usage("d1", "C1", "2026-09-05", "1.00")
                + "\nd2,C1,2026-09-05,,,5,hws.service.type.ec2,,caf\u00e9,3,,1.00,1.00,0,0,0,0,,,,,,CNY\n");
        // a GBK export: the Chinese customer id of line 2
        write(ws, "e-gbk.csv", Charset.forName("GBK"), CURRENT_HEADER + "\n" + usage("e1", "客户一", "2026-09-05", "1.00") + "\n");
        // a 10 MB line between two good ones
        String longLine = "f2,C1,2026-09-04,,,5,hws.service.type.ec2," + "x".repeat(TEN_MB)
                + ",cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,CNY";
        ws.inboxFile("f-long.csv", CURRENT_HEADER, usage("f1", "C1", "2026-09-04", "2.00"), longLine,
                usage("f3", "C1", "2026-09-04", "3.00"));
        write(ws, "g-crlf.csv", StandardCharsets.UTF_8, CURRENT_HEADER + "\r\n" + usage("c1", "C1", "2026-09-08", "1.10")
                + "\r\n" + usage("c2", "C1", "2026-09-08", "1.20") + "\r\n");
        write(ws, "h-mixed.csv", StandardCharsets.UTF_8, CURRENT_HEADER + "\r\n" + usage("m1", "C1", "2026-09-09", "0.30")
                + "\n" + usage("m2", "C1", "2026-09-09", "0.40") + "\r\n" + usage("m3", "C1", "2026-09-31", "0.50") + "\n");
        ws.inboxFile("i-quoted.csv", CURRENT_HEADER,
                // lines 2-4: one record whose resource type holds a comma, doubled quotes and two line breaks
                "q1,C1,2026-09-06,,,5,hws.service.type.ec2,\"vm, \"\"large\"\"\nsecond line\nthird\",cn-north-4,3,,"
                        + "4.00,4.00,0,0,0,0,,,,,,CNY",
                "q2,\"C1\",2026-09-06,,,5,\"hws.service.type.ec2\",,\"cn-north-4\",3,,\"5.00\",\"5.00\",0,0,0,0,,,,,,CNY",
                usage("q3", "C1", "2026-09-06", "1.123456789"),
                "q4,C1,2026-09-06,,,5,hws.service.type.ec2,vm \"x\",cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,CNY",
                usage("q5", "C1", "2026-09-06", "0.60"));
        Files.write(ws.inbox().resolve("j-empty.csv"), new byte[0]);
        ws.inboxFile("k-header-only.csv", CURRENT_HEADER);
        ws.inboxFile("l-amounts.csv", CURRENT_HEADER,
                usage("h1", "C2", "2026-09-07", "999999999999.99"),
                usage("h2", "C2", "2026-09-07", "999999999999.99999999"),
                usage("h3", "C2", "2026-09-08", "0.00000001"),
                usage("h4", "C2", "2026-09-07", "1234567890123.00"),
                usage("h5", "C2", "2026-09-07", "0.000000001"),
                usage("h6", "C2", "2026-02-30", "1.00"),
                "h7,C2,,2026-02-30T10:00:00+08:00,,5,hws.service.type.ec2,,cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,CNY",
                "h8,C2,2026-09-07,,2026-13,5,hws.service.type.ec2,,cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,CNY");

        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // per file: lines read / ingested / repeats / rejected, or why the whole file was set aside
            assertThat(engine.jdbc().queryForList("""
                    SELECT file_name || ' ' || status || ' ' || lines_read || '/' || records_ingested || '/' || repeats
                           || '/' || rejected || ' ' || COALESCE(reject_reason, '-') FROM ingest_file ORDER BY file_ordinal""",
                    String.class)).containsExactly(
                            "a-good.csv ARCHIVED 1/1/0/0 -",
                            "b-cut.csv.gz REJECTED_FILE 0/0/0/0 BAD_COMPRESSION",
                            "c-garbage.csv REJECTED_FILE 0/0/0/0 BAD_ENCODING",
                            "d-latin1.csv REJECTED_FILE 0/0/0/0 BAD_ENCODING",
                            "e-gbk.csv REJECTED_FILE 0/0/0/0 BAD_ENCODING",
                            "f-long.csv ARCHIVED 3/2/0/1 -",
                            "g-crlf.csv ARCHIVED 2/2/0/0 -",
                            "h-mixed.csv ARCHIVED 3/2/0/1 -",
                            "i-quoted.csv ARCHIVED 5/3/0/2 -",
                            "j-empty.csv REJECTED_FILE 0/0/0/0 MISSING_COLUMN",
                            "k-header-only.csv ARCHIVED 0/0/0/0 -",
                            "l-amounts.csv ARCHIVED 8/3/0/5 -");

            // P1: g1 7.00 + f1 2.00 + f3 3.00 + c1 1.10 + c2 1.20 + m1 0.30 + m2 0.40 + q1 4.00 + q2 5.00 + q5 0.60 = 24.60
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("24.60");
            // P2: h1 999999999999.99 + h2 999999999999.99999999 + h3 0.00000001
            //   = 1999999999999.98999999 + 0.00000001 = 1999999999999.99, to the last digit
            assertThat(performance(engine, "P2", "2026-09")).isEqualByComparingTo("1999999999999.99");
            // without h3 the sum would end in .98999999; on its own day h3 is the day's whole performance
            assertThat(engine.decimal("SELECT performance FROM performance_daily WHERE partner_id = 'P2'"
                    + " AND bill_date = DATE '2026-09-08'")).isEqualByComparingTo("0.00000001");
            // a record after a multi-line one keeps its own physical line: q1 spans lines 2-4, q2 is line 5, q5 line 8
            assertThat(IdLedger.locate(engine.jdbc(), List.of("q1", "q2", "q5", "m2", "f3")).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().line()).toList())
                    .containsExactly("f3 4", "m2 3", "q1 2", "q2 5", "q5 8");
        }

        Path rejects = ws.root().resolve("rejects");
        assertThat(line2(rejects.resolve("c-garbage.csv.rejects.csv")))
                .isEqualTo("1,BAD_ENCODING,line 1 is not UTF-8 text" + UTF8_ONLY + ",");
        assertThat(line2(rejects.resolve("d-latin1.csv.rejects.csv")))
                .isEqualTo("1,BAD_ENCODING,line 3 is not UTF-8 text" + UTF8_ONLY + ",");
        assertThat(line2(rejects.resolve("e-gbk.csv.rejects.csv")))
                .isEqualTo("1,BAD_ENCODING,line 2 is not UTF-8 text (it reads as GBK/GB18030 Chinese text)" + UTF8_ONLY + ",");
        assertThat(line2(rejects.resolve("j-empty.csv.rejects.csv"))).isEqualTo("1,MISSING_COLUMN,the file is empty: no header row,");
        for (String whole : List.of("b-cut.csv.gz", "c-garbage.csv", "d-latin1.csv", "e-gbk.csv", "j-empty.csv")) {
            assertThat(rejects.resolve(whole)).as(whole + " set aside whole").exists();
        }

        // the 10 MB line: 42 characters before the resource type + 10,485,760 x + 41 after = 10,485,843 bytes
        assertThat(longLine.length()).isEqualTo(10_485_843);
        assertThat(Files.readAllLines(rejects.resolve("f-long.csv.rejects.csv"))).hasSize(2).element(1).asString()
                .startsWith("3,BAD_LINE,not valid CSV: line of 10485843 bytes; a line may have at most 65536,"
                        + "\"f2,C1,2026-09-04,,,5,hws.service.type.ec2,xxxx")
                .hasSizeLessThan(2_000);
        assertThat(Files.readAllLines(rejects.resolve("h-mixed.csv.rejects.csv"))).containsExactly(
                "line_number,reason,message,raw_line",
                "4,BAD_DATE,bill_date '2026-09-31' is not a date (YYYY-MM-DD),\"" + usage("m3", "C1", "2026-09-31", "0.50") + "\"");
        assertThat(rejected(rejects.resolve("i-quoted.csv.rejects.csv"))).containsExactly(
                        "6,BAD_NUMBER,payment_amount '1.123456789' has more than 8 fractional digits",
                        "7,BAD_LINE,not valid CSV: quote inside unquoted field 8");
        assertThat(rejected(rejects.resolve("l-amounts.csv.rejects.csv"))).containsExactly(
                        "5,BAD_NUMBER,payment_amount '1234567890123.00' has more than 12 integer digits",
                        "6,BAD_NUMBER,payment_amount '0.000000001' has more than 8 fractional digits",
                        "7,BAD_DATE,bill_date '2026-02-30' is not a date (YYYY-MM-DD)",
                        "8,BAD_DATE,trade_time '2026-02-30T10:00:00+08:00' is not an ISO-8601 instant",
                        "9,BAD_DATE,bill_cycle '2026-13' is not a period (YYYY-MM)");
        for (String clean : List.of("a-good.csv", "g-crlf.csv", "k-header-only.csv")) {
            assertThat(rejects.resolve(clean + ".rejects.csv")).as(clean + " has no rejected line").doesNotExist();
        }
        assertThat(ws.root().resolve("archive/k-header-only.csv")).exists();
        assertThat(ws.inbox()).isEmptyDirectory();
    }

    @Test
    void aFileReplacedBetweenAFailedRunAndItsRestartIsTakenBackAndLeftForALaterRun() throws Exception {
        TestWorkspace ws = workspace("ws");
        String original = CURRENT_HEADER + "\n" + usage("o1", "C1", "2026-09-01", "10.00") + "\n"
                + usage("o2", "C1", "2026-09-02", "20.00") + "\n";
        write(ws, "a.csv", StandardCharsets.UTF_8, original);
        ws.inboxFile("b.csv", CURRENT_HEADER, usage("b1", "C2", "2026-09-03", "5.00"));
        try (Engine engine = new Engine(ws.root(), null)) {
            // archive/ taken by a plain file: the run ingests both files, then fails moving them out of the inbox
            Path archive = ws.root().resolve("archive");
            Files.delete(archive);
            Files.writeString(archive, "not a folder");
            JobExecution failed = engine.nightly("2026-11-02");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(IdLedger.count(engine.jdbc())).isEqualTo(3);
            Files.delete(archive);
            Files.createDirectories(archive);

            // same name and size, other content: what the run ingested from the first version is taken back, and the
            // new version stays in the inbox for a later run
            String replaced = CURRENT_HEADER + "\n" + usage("o1", "C1", "2026-09-01", "10.00") + "\n"
                    + usage("o3", "C1", "2026-09-02", "99.00") + "\n";
            write(ws, "a.csv", StandardCharsets.UTF_8, replaced);
            JobExecution resumed = engine.bean(JobRuns.class).restart(failed.getId());
            assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.jdbc().queryForList("""
                    SELECT file_name || ' ' || status || ' ' || lines_read || ' ' || status_reason FROM ingest_file
                     WHERE status = 'CHANGED'""", String.class)).containsExactly(
                            "a.csv CHANGED 0 it changed after the run read it: its bytes changed since the run registered it");
            assertThat(IdLedger.locate(engine.jdbc(), List.of("o1", "o2", "o3"))).isEmpty();
            assertThat(engine.count("SELECT COUNT(*) FROM performance_period WHERE partner_id = 'P1'")).isZero();
            // P2: b1 5.00
            assertThat(performance(engine, "P2", "2026-09")).isEqualByComparingTo("5.00");
            assertThat(ws.inbox().resolve("a.csv")).hasContent(replaced.strip());
            assertThat(ws.root().resolve("archive/a.csv")).doesNotExist();

            // the next night takes the new version whole: P1 = o1 10.00 + o3 99.00 = 109.00
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("109.00");
            assertThat(ws.root().resolve("archive/a.csv")).hasContent(replaced.strip());
            assertThat(ws.inbox()).isEmptyDirectory();
        }
    }

    @Test
    void badReferenceDataFailsTheRunNamingEveryProblemBeforeAnythingChanges() throws Exception {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("a.csv", CURRENT_HEADER, usage("a1", "C1", "2026-09-01", "10.00"));
        try (Engine engine = new Engine(ws.root(), null)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            String partnersBefore = String.join("\n", engine.jdbc().queryForList(
                    "SELECT partner_id || ' ' || tier || ' ' || disbursement_method FROM partner ORDER BY partner_id", String.class));

            new TestWorkspace(ws.root())
                    .partner("P1", "CORE", "BANK_TRANSFER")
                    .partner("P2", "STANDARD", "ACCOUNT")
                    .partner("P1", "LEADING", "ACCOUNT")
                    .partner("P3", "PLATINUM", "ACCOUNT")
                    .partner("P4", "LEADING", "CHEQUE")
                    .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                    .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                    .customer("C2", "P2", "RESALE", "2025-01-01", "2026-06-01")
                    .customer("C2", "P1", "REFERRAL", "2026-05-01", "")
                    .manager("C1", "M1", "2026-01-01")
                    .manager("C1", "M1", "2026-01-01")
                    .milestone("ORD1", 1, "-0.1", "2026-09-01")
                    .milestone("ORD1", 2, "1.5", "2026-09-01")
                    .milestone("ORD2", 1, "0.5", "2026-09-01")
                    .milestone("ORD2", 1, "0.5", "2026-09-01")
                    .repaid("C1", "2026-09", "2026-10-05")
                    .repaid("C1", "2026-09", "2026-10-06")
                    .writeReference();
            ws.inboxFile("b.csv", CURRENT_HEADER, usage("b1", "C1", "2026-09-02", "5.00"));

            JobExecution failed = engine.nightly("2026-11-03");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getAllFailureExceptions()).singleElement().isInstanceOf(ReferenceDataException.class)
                    .extracting(e -> ((ReferenceDataException) e).problems()).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(
                            "reference/partners.csv line 4: partner P1 is listed twice (also line 2)",
                            "reference/partners.csv line 5: tier 'PLATINUM' is not one of [STANDARD, PREFERRED, LEADING, CORE]",
                            "reference/partners.csv line 6: disbursement_method 'CHEQUE' is not one of [VOUCHER_QUOTA, "
                                    + "ACCOUNT, ACCOUNT_INVOICE_OWED, BANK_TRANSFER]",
                            "reference/customers.csv line 3: association of C1 with P1 from 2025-01-01 repeats line 2",
                            "reference/customers.csv line 5: association of C2 with P1 from 2026-05-01 overlaps line 4 "
                                    + "(with P2 from 2025-01-01 until 2026-06-01)",
                            "reference/account-managers.csv line 3: C1 is assigned twice on 2026-01-01 (also line 2)",
                            "reference/milestones.csv line 2: unfreeze_ratio -0.1 is not above 0 and at most 1",
                            "reference/milestones.csv line 3: unfreeze_ratio 1.5 is not above 0 and at most 1",
                            "reference/milestones.csv line 5: milestone 1 of order ORD2 is listed twice (also line 4)",
                            "reference/credit-repayments.csv line 3: repayment of C1 for 2026-09 is listed twice (also line 2)");

            // nothing changed: reference tables, the inbox, the ledger of files and the figures are those of the first run
            assertThat(String.join("\n", engine.jdbc().queryForList(
                    "SELECT partner_id || ' ' || tier || ' ' || disbursement_method FROM partner ORDER BY partner_id", String.class)))
                    .isEqualTo(partnersBefore).isEqualTo("P1 CORE BANK_TRANSFER\nP2 STANDARD ACCOUNT");
            assertThat(engine.count("SELECT COUNT(*) FROM milestone") + engine.count("SELECT COUNT(*) FROM credit_repayment"))
                    .isZero();
            assertThat(engine.jdbc().queryForList("SELECT file_name FROM ingest_file", String.class)).containsExactly("a.csv");
            assertThat(ws.inbox().resolve("b.csv")).exists();
            // a1 10.00 only
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("10.00");
        }
    }

    @Test
    void aReferenceFileInGbkFailsTheRunNamingItsLine() throws Exception {
        TestWorkspace ws = workspace("ws");
        // partners.csv saved as GBK: line 2 holds the first Chinese partner name
        Path partners = ws.root().resolve("reference/partners.csv");
        Files.write(partners, Files.readString(partners).getBytes("GBK"));
        ws.inboxFile("a.csv", CURRENT_HEADER, usage("a1", "C1", "2026-09-01", "10.00"));
        try (Engine engine = new Engine(ws.root(), null)) {
            JobExecution failed = engine.nightly("2026-11-02");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.getAllFailureExceptions()).singleElement().isInstanceOf(ReferenceDataException.class)
                    .extracting(e -> ((ReferenceDataException) e).problems()).isEqualTo(List.of(
                            "reference/partners.csv line 2: not valid UTF-8 text (the engine reads UTF-8 only; convert the "
                                    + "file, e.g. from GBK, and drop it in again)"));
            assertThat(engine.count("SELECT COUNT(*) FROM ingest_file") + engine.count("SELECT COUNT(*) FROM partner")).isZero();
            assertThat(ws.inbox().resolve("a.csv")).exists();
        }
    }

    private static void write(TestWorkspace ws, String name, Charset charset, String text) throws Exception {
        Files.createDirectories(ws.inbox());
        Files.write(ws.inbox().resolve(name), text.getBytes(charset));
    }

    /** The rejected lines of a rejects file without their raw text: line number, reason and message. */
    private static List<String> rejected(Path rejectsFile) throws Exception {
        return Files.readAllLines(rejectsFile).stream().skip(1).map(l -> l.substring(0, l.indexOf(",\""))).toList();
    }

    private static String line2(Path rejectsFile) throws Exception {
        return Files.readAllLines(rejectsFile).get(1);
    }
}

package io.partnersettlement.ingest;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The nightly job end to end: four inbox files (current and older column names, gzip, byte-order mark, a file missing a
 * column) into the real schema, on H2 and on PostgreSQL.
 */
class NightlyJobTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final String OLDER_HEADER = "record_id,customer_id,trade_time,cycle,bill_type,cloud_service_type,resource_type,"
            + "region,charge_mode,order_id,amount,cash_amount,credit_amount,coupon_amount,flexipurchase_coupon_amount,"
            + "stored_card_amount,adjustment_amount,remark";

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "VOUCHER_QUOTA")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                // C2 leaves P1 mid-month for P2: a switch, so P2 earns nothing until 2027-03-16
                .customer("C2", "P1", "RESALE", "2025-01-01", "2026-09-16")
                .customer("C2", "P2", "RESALE", "2026-09-16", "")
                // C3's first association: never a cooling-off
                .customer("C3", "P2", "1", "2026-09-10", "")
                .manager("C1", "M1", "2025-06-01")
                // re-assigned on 09-14: M2 gets C1's performance from 09-15
                .manager("C1", "M2", "2026-09-14")
                .writeReference();
        ws.inboxFile("a.csv", CURRENT_HEADER,
                record("r1", "C1", "2026-09-01", "5", "hws.service.type.ec2", "", "100.00", "0", "20.00", "0"),
                record("r2", "C1", "2026-09-15", "5", "hws.service.type.ec2", "", "50.25", "5.00", "0", "10.00"),
                record("r3", "C1", "2026-09-14", "1", "hws.service.type.rds", "ORD1", "1000.00", "0", "0", "0"),
                record("r4", "C1", "2026-09-20", "4", "hws.service.type.rds", "ORD1", "-200.00", "0", "0", "0"),
                record("r5", "C1", "2026-09-20", "20", "hws.service.type.ec2", "", "30.00", "0", "0", "0"),
                usage("r6", "C2", "2026-09-10", "40.00"),
                usage("r7", "C2", "2026-09-20", "70.00"),
                usage("r8", "C3", "2026-09-05", "11.00"),
                record("r9", "C3", "2026-09-12", "12", "hws.service.type.ec2", "", "9.99", "0", "0", "0"),
                usage("r10", "C4", "2026-09-12", "5.00"),
                record("r11", "C1", "2026-09-12", "9", "hws.service.type.ec2", "", "3.00", "0", "0", "0"),
                record("r12", "C1", "2026-09-12", "77", "hws.service.type.ec2", "", "4.00", "0", "0", "0"),
                record("r13", "C1", "2026-09-12", "1", "hws.service.type.storedvaluecard", "SVC1", "500.00", "0", "0", "0"),
                usage("r15", "C1", "2026-09-30", "1.005"),
                // parts 10.01 against 10.00 payable: off by exactly 0.01, accepted
                "r16,C1,2026-09-12,,,5,hws.service.type.ec2,,cn-north-4,3,,10.00,10.01,0,0,0,0,,,,,,CNY",
                "rx1,C1,2026-09-12,5",
                usage("rx2", "", "2026-09-12", "1.00"),
                usage("rx3", "C1", "2026-09-12", "1e3"),
                usage("rx4", "C1", "2026-02-30", "1.00"),
                "rx5,C1,2026-09-12,,,5,hws.service.type.ec2,,cn-north-4,3,,10.00,10.02,0,0,0,0,,,,,,CNY");
        ws.inboxGzip("b.csv.gz", CURRENT_HEADER,
                // r1 again, numbers written differently: a harmless repeat
                "r1,C1,2026-09-01,,,5,hws.service.type.ec2,,cn-north-4,3,,120,100.0,0.00,20,0,0,0,,,,,",
                // r2 again with other content: DUPLICATE_ID
                record("r2", "C1", "2026-09-15", "5", "hws.service.type.ec2", "", "50.26", "5.00", "0", "10.00"));
        ws.write("inbox/c.csv", "\uFEFF" + OLDER_HEADER, List.of(
                "r17,C3,2026-09-25T10:00:00+08:00,,5,hws.service.type.obs,,,,,0.01,0.01,0,0,0,0,,备注",
                // 16:30 UTC on 09-30 is 00:30 on 10-01 in UTC+8: an October record
                "r14,C1,2026-09-30T16:30:00Z,,5,hws.service.type.ec2,,,,,8.00,8.00,0,0,0,0,,\"=cmd|' /C calc'!A0\""));
        ws.inboxFile("d.csv", "id,customer_id,bill_date,bill_detail_type,service_type_code,payment_amount,credit_amount,"
                + "coupon_amount,flexipurchase_coupon_amount,stored_value_card_amount", "z1,C1,2026-09-01,5,x,1,0,0,0,0");
        return ws;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void ingestsTheInboxAndComputesPerformance(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            var execution = engine.nightly("2026-11-02");
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            if (url == null) {
                // H2's trace file, which an operator reads when something went wrong, holds no errors of a good run
                Path trace = ws.root().resolve("db/settlement.trace.db");
                assertThat(Files.exists(trace) ? Files.readString(trace) : "")
                        .doesNotContain("Exception");
            }

            // per file: lines read / ingested / repeats / rejected
            assertThat(engine.jdbc().queryForList("""
                    SELECT file_name || ' ' || status || ' ' || lines_read || '/' || records_ingested || '/' || repeats
                           || '/' || rejected FROM ingest_file ORDER BY file_ordinal""", String.class))
                    .containsExactly("a.csv ARCHIVED 20/15/0/5", "b.csv.gz ARCHIVED 2/0/1/1", "c.csv ARCHIVED 2/2/0/0",
                            "d.csv REJECTED_FILE 0/0/0/0");

            // P1, 2026-09: r1 100 + r2 (50.25 cash + 5.00 credit + 10.00 card) 65.25 + r3 1000 − r4 |−200| − r5 |30|
            //              + r6 40 (C2 before leaving on 09-16) + r15 1.005 + r16 10.01 = 986.265
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("986.265");
            // P2, 2026-09: r9 9.99 + r17 0.01 = 10.00 (r7 is C2's cooling-off, r8 predates C3's association)
            assertThat(performance(engine, "P2", "2026-09")).isEqualByComparingTo("10.00");
            // P1, 2026-10: r14, whose trade_time is 2026-10-01 00:30 in UTC+8
            assertThat(performance(engine, "P1", "2026-10")).isEqualByComparingTo("8.00");

            // managers of P1 in 2026-09: M1 = r1 100 + r3 1000 (09-14, M2 only from 09-15) + r16 10.01 = 1110.01
            //                           M2 = r2 65.25 − 200 − 30 + r15 1.005 = −163.745; C2 has none: UNASSIGNED 40
            assertThat(engine.decimal("SELECT performance FROM performance_manager WHERE partner_id='P1' AND period='2026-09' AND manager_id='M1'"))
                    .isEqualByComparingTo("1110.01");
            assertThat(engine.decimal("SELECT performance FROM performance_manager WHERE partner_id='P1' AND period='2026-09' AND manager_id='M2'"))
                    .isEqualByComparingTo("-163.745");
            assertThat(engine.decimal("SELECT performance FROM performance_manager WHERE partner_id='P1' AND period='2026-09' AND manager_id='UNASSIGNED'"))
                    .isEqualByComparingTo("40");
            // services of P1: rds = 1000 − 200 = 800; ec2 = 986.265 − 800 = 186.265
            assertThat(engine.decimal("SELECT performance FROM performance_service WHERE partner_id='P1' AND period='2026-09' AND service_type_code='hws.service.type.rds'"))
                    .isEqualByComparingTo("800");
            // day 09-20 of P1: two refunds, −200 − 30
            assertThat(engine.decimal("SELECT performance FROM performance_daily WHERE partner_id='P1' AND bill_date = DATE '2026-09-20'"))
                    .isEqualByComparingTo("-230");

            // what did not count, per outcome (records): 2026-09 holds the 16 ingested September records
            assertThat(outcomes(engine, "2026-09")).containsExactly("ATTRIBUTED 10", "COOLING_OFF 1", "EXCLUDED 1",
                    "STORED_VALUE_CARD 1", "UNATTRIBUTED 2", "UNCLASSIFIED 1");
            // unattributed amounts: r8 11.00 + r10 5.00
            assertThat(engine.decimal("SELECT SUM(payment_amount) FROM consumption_outcome WHERE period='2026-09' AND outcome='UNATTRIBUTED'"))
                    .isEqualByComparingTo("16.00");
            assertThat(engine.count("SELECT SUM(record_count) FROM repeat_tally WHERE period='2026-09'")).isEqualTo(1);
        }

        Path ws0 = ws.root();
        assertThat(Files.readAllLines(ws0.resolve("rejects/a.csv.rejects.csv"), StandardCharsets.UTF_8))
                .hasSize(6)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).isEqualTo("line_number,reason,message,raw_line");
                    assertThat(lines.get(1)).isEqualTo("17,BAD_LINE,4 fields where the header has 23,\"rx1,C1,2026-09-12,5\"");
                    assertThat(lines.get(2)).startsWith("18,MISSING_VALUE,empty customer_id,");
                    assertThat(lines.get(3)).startsWith("19,BAD_NUMBER,cash_amount '1e3' is not a plain decimal number,");
                    assertThat(lines.get(4)).startsWith("20,BAD_DATE,bill_date '2026-02-30' is not a date");
                    assertThat(lines.get(5)).startsWith("21,AMOUNT_MISMATCH,");
                });
        assertThat(Files.readAllLines(ws0.resolve("rejects/b.csv.gz.rejects.csv"))).element(1).asString()
                .startsWith("3,DUPLICATE_ID,id r2 was already ingested with different content (a.csv line 3)");
        assertThat(Files.readAllLines(ws0.resolve("rejects/d.csv.rejects.csv"))).element(1).asString()
                .startsWith("1,MISSING_COLUMN,missing column(s): cash_amount,");
        assertThat(ws0.resolve("rejects/d.csv")).exists();
        assertThat(ws0.resolve("archive/a.csv")).exists();
        assertThat(ws0.resolve("archive/b.csv.gz")).exists();
        assertThat(ws0.resolve("inbox")).isEmptyDirectory();

        Path workbook = ws0.resolve("out/2026-09/performance-2026-09.xlsx");
        assertThat(workbook).exists();
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(workbook))) {
            assertThat(book.getSheet("Summary")).isNotNull();
            assertThat(book.getSheet("Daily Trend")).isNotNull();
            // the tie-out rows: 2026-09's 16 records = 10 + 1 + 1 + 1 + 2 + 1 outcomes; a.csv's 20 lines = 15 + 0 + 5,
            // b.csv.gz's 2 = 0 + 1 + 1, c.csv's 2 = 2 + 0 + 0 (every file that brought September records is listed)
            List<String> ties = new java.util.ArrayList<>();
            for (var row : book.getSheet("Data Quality")) {
                if ("TIE-OUT".equals(row.getCell(0).getStringCellValue())) {
                    ties.add(row.getCell(5).getStringCellValue());
                }
            }
            assertThat(ties).containsExactly(
                    "2026-09: records ingested = attributed + unattributed + unclassified + excluded + cooling-off"
                            + " + stored-value card + late: 16 = 16 — holds",
                    // 21 physical lines: the header and 20 lines, each record on a line of its own
                    "a.csv: physical lines = lines read (header, records, rejected, blank): 21 = 21 — holds",
                    "a.csv: lines read = ingested + repeats + rejected: 20 = 20 — holds",
                    "a.csv: rejected = lines of rejects/a.csv.rejects.csv: 5 = 5 — holds",
                    "a.csv: ingested = records summed: 15 = 15 — holds",
                    "b.csv.gz: physical lines = lines read (header, records, rejected, blank): 3 = 3 — holds",
                    "b.csv.gz: lines read = ingested + repeats + rejected: 2 = 2 — holds",
                    "b.csv.gz: rejected = lines of rejects/b.csv.gz.rejects.csv: 1 = 1 — holds",
                    "b.csv.gz: ingested = records summed: 0 = 0 — holds",
                    "c.csv: physical lines = lines read (header, records, rejected, blank): 3 = 3 — holds",
                    "c.csv: lines read = ingested + repeats + rejected: 2 = 2 — holds",
                    "c.csv: rejected = lines of rejects/c.csv.rejects.csv: 0 = 0 — holds",
                    "c.csv: ingested = records summed: 2 = 2 — holds");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondRunOfTheDayIngestsOnlyWhatIsNew(TestDatabase database) {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            // the same file delivered again, plus one new record
            ws.inboxFile("e.csv", CURRENT_HEADER,
                    record("r1", "C1", "2026-09-01", "5", "hws.service.type.ec2", "", "100.00", "0", "20.00", "0"),
                    usage("r18", "C1", "2026-09-21", "0.75"));
            var second = engine.nightly("2026-11-02");
            assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(second.getJobParameters().getLong("run")).isEqualTo(2L);
            // 986.265 + r18 0.75; the repeated r1 is not counted again
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("987.015");
            var third = engine.nightly("2026-11-02");
            assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("987.015");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filesThatAreNotReadableTextAreSetAsideWholeAndTheOthersProceed(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        // a GBK export: its customer name column is Chinese text in GBK
        Files.createDirectories(ws.inbox());
        Files.write(ws.inbox().resolve("gbk.csv"), (TestWorkspace.CURRENT_HEADER + "\n"
                + usage("g1", "C1", "2026-09-01", "1.00") + "\n" + usage("g2", "客户一", "2026-09-01", "1.00") + "\n")
                .getBytes("GBK"));
        // a gzip file cut short in transfer
        Path whole = ws.inboxGzip("cut.csv.gz", TestWorkspace.CURRENT_HEADER, usage("z1", "C1", "2026-09-01", "1.00"),
                usage("z2", "C1", "2026-09-02", "1.00"));
        byte[] gz = Files.readAllBytes(whole);
        Files.write(whole, java.util.Arrays.copyOf(gz, gz.length - 12));
        ws.inboxFile("good.csv", TestWorkspace.CURRENT_HEADER, usage("k1", "C1", "2026-09-03", "7.00"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.jdbc().queryForList("""
                    SELECT file_name || ' ' || status || ' ' || COALESCE(reject_reason, '-') FROM ingest_file
                     ORDER BY file_ordinal""", String.class))
                    .containsExactly("cut.csv.gz REJECTED_FILE BAD_COMPRESSION", "gbk.csv REJECTED_FILE BAD_ENCODING",
                            "good.csv ARCHIVED -");
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("7.00");
        }
        assertThat(Files.readAllLines(ws.root().resolve("rejects/gbk.csv.rejects.csv"))).element(1).asString()
                .startsWith("1,BAD_ENCODING,line 3 is not UTF-8 text (it reads as GBK/GB18030 Chinese text)");
        assertThat(Files.readAllLines(ws.root().resolve("rejects/cut.csv.gz.rejects.csv"))).element(1).asString()
                .startsWith("1,BAD_COMPRESSION,the compressed file is truncated");
        assertThat(ws.root().resolve("rejects/gbk.csv")).exists();
    }

    static BigDecimal performance(Engine engine, String partner, String period) {
        return engine.decimal("SELECT performance FROM performance_period WHERE partner_id = ? AND period = ?", partner, period);
    }

    static List<String> outcomes(Engine engine, String period) {
        return engine.jdbc().queryForList("""
                SELECT outcome || ' ' || SUM(record_count) FROM consumption_outcome WHERE period = ?
                 GROUP BY outcome ORDER BY outcome""", String.class, period);
    }
}

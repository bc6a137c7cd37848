package io.partnersettlement.incentive;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** The monthly job end to end: incentive details, freezes and milestone splits, on H2 and PostgreSQL. */
class MonthlyJobTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                // CORE: REFERRAL 9 %, RESALE 4 %; STANDARD: REFERRAL 3 %, RESALE 1 % (the default policy)
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .customer("C3", "P1", "RESALE", "2025-01-01", "")
                .customer("C4", "P2", "REFERRAL", "2025-01-01", "")
                // C5 switches from P2 to P1 on 09-01: P1 earns nothing from it until 2027-03-01
                .customer("C5", "P2", "REFERRAL", "2025-01-01", "2026-09-01")
                .customer("C5", "P1", "REFERRAL", "2026-09-01", "")
                // in effect on 2026-11-02: 0.3 and 0.3; the third is set later
                .milestone("M-OK", 1, "0.3", "2026-10-01")
                .milestone("M-OK", 2, "0.3", "2026-10-20")
                .milestone("M-OK", 3, "0.4", "2026-12-01")
                // 0.6 + 0.5 > 1: invalid, the order stays whole and frozen
                .milestone("M-BAD", 1, "0.6", "2026-10-01")
                .milestone("M-BAD", 2, "0.5", "2026-10-02")
                // C3's September credit is repaid; C4's is not
                .repaid("C3", "2026-09", "2026-10-20")
                .writeReference();
        ws.write("reference/no-rebate-services.csv", "service_type_code", List.of("hws.service.type.free"));
        ws.inboxFile("a.csv", CURRENT_HEADER,
                usage("r1", "C1", "2026-09-01", "1000.00"),
                usage("r2", "C1", "2026-09-02", "100.05"),
                record("r3", "C1", "2026-09-03", "20", "hws.service.type.ec2", "", "50.00", "0", "0", "0"),
                record("r4", "C1", "2026-09-04", "1", "hws.service.type.rds", "M-OK", "1234.56", "0", "0", "0"),
                record("r5", "C2", "2026-09-05", "1", "hws.service.type.ecs", "M-BAD", "500.00", "0", "0", "0"),
                record("r6", "C3", "2026-09-06", "5", "hws.service.type.ec2", "", "100.00", "200.00", "0", "0"),
                record("r7", "C4", "2026-09-07", "5", "hws.service.type.ec2", "", "0", "333.33", "0", "0"),
                record("r8", "C1", "2026-09-08", "5", "hws.service.type.free", "", "400.00", "0", "0", "0"),
                record("r9", "C2", "2026-09-09", "24", "hws.service.type.obs", "", "-500.50", "0", "0", "0"),
                usage("r11", "C5", "2026-09-10", "700.00"));
        return ws;
    }

    record Row(String status, String reason, String amount) {
    }

    static Row detail(Engine engine, String customer, String service, String funding) {
        return engine.jdbc().queryForObject("""
                SELECT status, freeze_reason, amount FROM incentive_detail
                 WHERE customer_id = ? AND service_type_code = ? AND funding = ? AND parent_detail_id IS NULL""",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros().toPlainString()),
                customer, service, funding);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void computesDetailsFreezesAndSplitsToTheCent(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            var run = engine.monthly("2026-09", "2026-11-02");
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

            // C1 ec2 cash: 1000.00 + 100.05 − |50.00| (refund) = 1050.05; × 9 % = 94.5045 → 94.50
            assertThat(detail(engine, "C1", "hws.service.type.ec2", "CASH")).isEqualTo(new Row("AVAILABLE", null, "94.5"));
            // C2 obs refund: −500.50 × 1 % = −5.005 → −5.01 (halves away from zero)
            assertThat(detail(engine, "C2", "hws.service.type.obs", "CASH")).isEqualTo(new Row("AVAILABLE", null, "-5.01"));
            // C3: cash 100.00 × 4 % = 4.00; credit 200.00 × 4 % = 8.00, repaid on 10-20: available
            assertThat(detail(engine, "C3", "hws.service.type.ec2", "CASH")).isEqualTo(new Row("AVAILABLE", null, "4"));
            assertThat(detail(engine, "C3", "hws.service.type.ec2", "CREDIT")).isEqualTo(new Row("AVAILABLE", null, "8"));
            // C4: credit 333.33 × 3 % = 9.9999 → 10.00, not repaid
            assertThat(detail(engine, "C4", "hws.service.type.ec2", "CREDIT"))
                    .isEqualTo(new Row("FROZEN", "CREDIT_UNPAID", "10"));
            // C5 is in its cooling-off with P1: no detail at all
            assertThat(engine.count("SELECT COUNT(*) FROM incentive_detail WHERE customer_id = 'C5'")).isZero();
            // a no-rebate product: performance counts, rate 0
            assertThat(detail(engine, "C1", "hws.service.type.free", "CASH")).isEqualTo(new Row("AVAILABLE", null, "0"));
            assertThat(engine.decimal("SELECT base FROM incentive_detail WHERE service_type_code = 'hws.service.type.free'"))
                    .isEqualByComparingTo("400");

            // M-OK: 1234.56 × 9 % = 111.1104 → A = 111.11; released 33.333 → 33.33, then 66.666 → 66.67
            // children 33.33 and 33.34 (available), parent keeps 111.11 − 66.67 = 44.44 (frozen, MILESTONE)
            assertThat(detail(engine, "C1", "hws.service.type.rds", "CASH")).isEqualTo(new Row("FROZEN", "MILESTONE", "44.44"));
            assertThat(engine.jdbc().queryForList("""
                    SELECT CAST(amount AS DECIMAL(20,2)) || ' ' || status || ' ' || CAST(unfreeze_ratio AS DECIMAL(4,2))
                      FROM incentive_detail WHERE order_id = 'M-OK' AND parent_detail_id IS NOT NULL
                     ORDER BY milestone_no""", String.class))
                    .containsExactly("33.33 AVAILABLE 0.30", "33.34 AVAILABLE 0.30");
            // M-BAD: 500.00 × 1 % = 5.00, whole and frozen; the run names the order (exit code 3)
            assertThat(detail(engine, "C2", "hws.service.type.ecs", "CASH")).isEqualTo(new Row("FROZEN", "MILESTONE", "5"));
            assertThat(engine.jdbc().queryForList("SELECT message FROM run_problem WHERE job_execution_id = ?", String.class,
                    run.getId())).singleElement().asString().startsWith("2026-09 order M-BAD:");

            // a rerun gives the same details, ids included, and never splits twice; the workbook's cells are the same
            List<String> first = ledger(engine);
            Path book = ws.root().resolve("out/2026-09/incentives-2026-09.xlsx");
            List<String> firstCells = cells(book);
            engine.monthly("2026-09", "2026-11-02");
            assertThat(ledger(engine)).isEqualTo(first).hasSize(10);
            assertThat(cells(book)).isEqualTo(firstCells);

            // once the third milestone is set (business date 2026-12-01) the parent is released entirely:
            // released_3 = 111.11 × 1.0 = 111.11, child 3 = 111.11 − 66.67 = 44.44, parent 0 → RELEASED
            engine.monthly("2026-09", "2026-12-01");
            assertThat(detail(engine, "C1", "hws.service.type.rds", "CASH")).isEqualTo(new Row("RELEASED", null, "0"));
            assertThat(engine.decimal("SELECT SUM(amount) FROM incentive_detail WHERE order_id = 'M-OK'"))
                    .isEqualByComparingTo("111.11");
            // a recomputation writes only what changed: the parent (now RELEASED) and the new child 3 carry the new
            // business date; the 9 other rows are the ones the 2026-11-02 run wrote, untouched
            assertThat(engine.jdbc().queryForList("""
                    SELECT CAST(computed_for_date AS VARCHAR(10)) || ' ' || COUNT(*) FROM incentive_detail
                     GROUP BY computed_for_date ORDER BY computed_for_date""", String.class))
                    .containsExactly("2026-11-02 9", "2026-12-01 2");
            assertThat(engine.jdbc().queryForList("""
                    SELECT status || ' ' || COALESCE(CAST(milestone_no AS VARCHAR(2)), '-') FROM incentive_detail
                     WHERE computed_for_date = DATE '2026-12-01' ORDER BY detail_id""", String.class))
                    .containsExactly("RELEASED -", "AVAILABLE 3");
        }
        Path workbook = ws.root().resolve("out/2026-09/incentives-2026-09.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(workbook))) {
            var details = book.getSheet("Details");
            assertThat(details.getRow(0).getCell(0).getStringCellValue()).isEqualTo("detail_id");
            // 8 details + 3 children (two split on 11-02, the third on 12-01): 11 rows below the header
            assertThat(details.getLastRowNum()).isEqualTo(11);
            long children = 0;
            for (int r = 1; r <= details.getLastRowNum(); r++) {
                if (details.getRow(r).getCell(18).getStringCellValue().startsWith("BATCH_UNFROZEN")) {
                    children++;
                    assertThat(details.getRow(r).getCell(9).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
                }
            }
            assertThat(children).isEqualTo(3);
            assertThat(book.getSheet("Partner Summary")).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theRunTiesItsFiguresOutShowsTheTieOutAndFailsLoudlyWhenItDoesNot(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            assertThat(engine.monthly("2026-09", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        // P1: C1 1000.00 + 100.05 − 50.00 + 1234.56 + 400.00, C3 100.00 + 200.00 (C5 cools off) = 2984.61;
        // its details before splits: 94.50 + 111.11 + 0.00 + 4.00 + 8.00 = 217.61
        //   = frozen 44.44 (M-OK's rest) + available 94.50 + 33.33 + 33.34 + 0.00 + 4.00 + 8.00 (173.17)
        // P2: C2 500.00 − 500.50, C4 333.33 = 332.83; details 5.00 + 10.00 − 5.01 = 9.99 = frozen 15.00 + available −5.01
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(
                ws.root().resolve("out/2026-09/incentives-2026-09.xlsx")))) {
            List<String> ties = new java.util.ArrayList<>();
            for (var row : book.getSheet("Data Quality")) {
                if (row.getRowNum() > 0) {
                    ties.add(row.getCell(0).getStringCellValue() + " " + row.getCell(2).getStringCellValue() + " "
                            + new java.math.BigDecimal(Double.toString(row.getCell(3).getNumericCellValue()))
                                    .setScale(2, java.math.RoundingMode.HALF_UP) + " "
                            + row.getCell(5).getStringCellValue());
                }
            }
            assertThat(ties).containsExactly(
                    "P1 performance = Σ detail bases (late details excluded) 2984.61 holds",
                    "P1 Σ detail amounts before splits = frozen + available 217.61 holds",
                    "P2 performance = Σ detail bases (late details excluded) 332.83 holds",
                    "P2 Σ detail amounts before splits = frozen + available 9.99 holds");
        }

        // a ledger changed behind the engine's back: the rerun fails with exit code 1, naming the identity
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.jdbc().update("UPDATE performance_period SET performance = performance + 0.01 WHERE partner_id = 'P1'");
        }
        assertThat(io.partnersettlement.support.Cli.run(ws.root(), url, "monthly", "--period", "2026-09", "--date",
                "2026-11-02")).isEqualTo(1);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.jdbc().queryForObject("""
                    SELECT exit_message FROM batch_step_execution WHERE status = 'FAILED'""", String.class))
                    .contains("control totals do not tie out: 2026-09 P1 CNY: performance = Σ detail bases "
                            + "(late details excluded); records behind it: every service agrees with its details, the "
                            + "partner's period total does not (2984.62 vs 2984.61)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aManualFreezeHoldsThroughRecomputationUntilReleased(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            engine.monthly("2026-09", "2026-11-02");
            String c4 = engine.jdbc().queryForObject("SELECT detail_id FROM incentive_detail WHERE customer_id = 'C4'", String.class);
            String c1 = engine.jdbc().queryForObject(
                    "SELECT detail_id FROM incentive_detail WHERE customer_id = 'C1' AND service_type_code = 'hws.service.type.ec2'",
                    String.class);
            DetailFreezes freezes = engine.bean(DetailFreezes.class);
            freezes.freeze(c1, "=dispute #4411", "finance.li");
            freezes.freeze(c4, "wrong customer", "finance.li");
            assertThatThrownBy(() -> freezes.freeze(c1, "again", "x")).isInstanceOf(EngineException.class)
                    .hasMessageContaining("already frozen");
            engine.monthly("2026-09", "2026-11-02");
            // the incentives workbook's History sheet shows both freezes
            try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(ws.root().resolve("out/2026-09/incentives-2026-09.xlsx")))) {
                var history = book.getSheet("History");
                assertThat(history.getLastRowNum()).isEqualTo(2);
                assertThat(history.getRow(1).getCell(2).getStringCellValue()).isEqualTo("FREEZE");
                assertThat(history.getRow(1).getCell(1).getStringCellValue()).isEqualTo("finance.li");
            }
            // MANUAL wins over CREDIT_UNPAID, and survives the recomputation
            assertThat(detail(engine, "C1", "hws.service.type.ec2", "CASH")).isEqualTo(new Row("FROZEN", "MANUAL", "94.5"));
            assertThat(detail(engine, "C4", "hws.service.type.ec2", "CREDIT")).isEqualTo(new Row("FROZEN", "MANUAL", "10"));
            // released: C1 becomes available; C4 falls back to its unpaid credit
            assertThat(freezes.release(c1, "finance.wang", LocalDate.parse("2026-11-02"))).isEqualTo("AVAILABLE");
            assertThat(freezes.release(c4, "finance.wang", LocalDate.parse("2026-11-02"))).isEqualTo("FROZEN (CREDIT_UNPAID)");
            // a milestone parent falls back to MILESTONE; its batch-unfrozen child becomes available
            String parent = engine.jdbc().queryForObject("""
                    SELECT detail_id FROM incentive_detail WHERE customer_id = 'C1' AND service_type_code = 'hws.service.type.rds'
                       AND funding = 'CASH' AND parent_detail_id IS NULL""", String.class);
            freezes.freeze(parent, "milestone disputed", "finance.li");
            freezes.freeze(parent + "-M1", "milestone disputed", "finance.li");
            assertThat(freezes.release(parent, "finance.wang", LocalDate.parse("2026-11-02"))).isEqualTo("FROZEN (MILESTONE)");
            assertThat(freezes.release(parent + "-M1", "finance.wang", LocalDate.parse("2026-11-02"))).isEqualTo("AVAILABLE");
            assertThatThrownBy(() -> freezes.release(c1, "x", LocalDate.parse("2026-11-02")))
                    .hasMessageContaining("not frozen by an operator");
            assertThat(engine.jdbc().queryForList("""
                    SELECT action || ' ' || operator || ' ' || from_status || '>' || to_status FROM detail_action
                     WHERE detail_id = ? ORDER BY action_id""", String.class, c1))
                    .containsExactly("FREEZE finance.li AVAILABLE>FROZEN", "RELEASE finance.wang FROZEN>AVAILABLE");
        }
    }

    /**
     * A recomputation compares what it computed with the ledger row by row and writes only the difference: a detail
     * whose row was altered is replaced, one whose row is missing is inserted, a row the computation does not produce
     * is deleted, and the rest is left alone.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRecomputationWritesOnlyWhatDiffersFromTheLedger(TestDatabase database) {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            engine.monthly("2026-09", "2026-11-02");
            String ledger = """
                    SELECT detail_id || ' ' || status || ' ' || COALESCE(freeze_reason, '-') || ' ' || amount
                      FROM incentive_detail ORDER BY detail_id""";
            List<String> computed = engine.jdbc().queryForList(ledger, String.class);
            IncentiveDetailCalculator calculator = engine.bean(IncentiveDetailCalculator.class);
            LocalDate businessDate = LocalDate.parse("2026-11-02");
            // the same inputs: nothing is written
            assertThat(calculator.compute("2026-09", businessDate).written()).isZero();

            String c3 = alterLedger(engine);

            // one replaced + one inserted + one deleted
            assertThat(calculator.compute("2026-09", businessDate).written()).isEqualTo(3);
            assertThat(engine.jdbc().queryForList(ledger, String.class)).isEqualTo(computed);
            assertThat(engine.decimal("SELECT amount FROM incentive_detail WHERE detail_id = ?", c3))
                    .isEqualByComparingTo("4.00");
        }
    }

    /**
     * Alters the ledger of the workspace's September behind the engine's back: C3's cash detail altered (100.00 × 4 % =
     * 4.00 in the ledger becomes 4.01), C4's row lost, and a row that no consumption produces; answers C3's detail id.
     */
    static String alterLedger(Engine engine) {
        String c3 = engine.jdbc().queryForObject(
                "SELECT detail_id FROM incentive_detail WHERE customer_id = 'C3' AND funding = 'CASH'", String.class);
        String c4 = engine.jdbc().queryForObject("SELECT detail_id FROM incentive_detail WHERE customer_id = 'C4'",
                String.class);
        engine.jdbc().update("UPDATE incentive_detail SET amount = amount + 0.01 WHERE detail_id = ?", c3);
        engine.jdbc().update("DELETE FROM incentive_detail WHERE detail_id = ?", c4);
        engine.jdbc().update("""
                INSERT INTO incentive_detail (detail_id, period, partner_id, customer_id, association_type,
                    service_type_code, order_id, funding, currency, late, base, rate, original_amount, amount, status,
                    record_count, computed_for_date)
                VALUES ('D-202609-P1-stray', '2026-09', 'P1', 'C9', 'REFERRAL', 'hws.service.type.ec2', '', 'CASH',
                    'CNY', FALSE, 1, 0.09, 0.09, 0.09, 'AVAILABLE', 1, DATE '2026-11-02')""");
        return c3;
    }

    /**
     * A period with more detail keys than memory should hold ({@code settlement.details-in-memory}) is computed slice by
     * slice, its groups, settled ids and ledger rows set aside in temporary files: the same ledger, row for row and
     * column for column, as the computation in memory — from an empty ledger, against an unchanged one (nothing
     * written), against an altered one (only the difference written), with a settled detail left alone.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPeriodLargerThanMemoryIsComputedInSlicesToTheSameLedger(TestDatabase database) {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            engine.monthly("2026-09", "2026-11-02");
            String ledger = """
                    SELECT detail_id || ' ' || partner_id || ' ' || customer_id || ' ' || association_type || ' '
                           || service_type_code || ' ' || order_id || ' ' || funding || ' ' || currency || ' '
                           || CAST(late AS VARCHAR(5)) || ' ' || COALESCE(CAST(base AS VARCHAR(40)), '-') || ' '
                           || COALESCE(CAST(rate AS VARCHAR(40)), '-') || ' ' || COALESCE(CAST(original_amount AS VARCHAR(40)), '-')
                           || ' ' || CAST(amount AS VARCHAR(40)) || ' ' || status || ' ' || COALESCE(freeze_reason, '-')
                           || ' ' || COALESCE(parent_detail_id, '-') || ' '
                           || COALESCE(CAST(milestone_no AS VARCHAR(3)), '-') || ' '
                           || COALESCE(CAST(unfreeze_ratio AS VARCHAR(20)), '-') || ' '
                           || CAST(record_count AS VARCHAR(12)) || ' ' || COALESCE(tier, '-') || ' '
                           || CAST(computed_for_date AS VARCHAR(10)) || ' ' || COALESCE(settled_statement_id, '-')
                      FROM incentive_detail ORDER BY detail_id""";
            List<String> inMemory = engine.jdbc().queryForList(ledger, String.class);
            // 8 details + 2 children of M-OK (see the test above)
            assertThat(inMemory).hasSize(10).doesNotContainNull();
            // two keys in memory at most: the period's 8 keys are set aside in slices (several parts of a key too)
            var sliced = new IncentiveDetailCalculator(engine.jdbc(), 2);
            LocalDate businessDate = LocalDate.parse("2026-11-02");
            assertThat(sliced.compute("2026-09", businessDate).written()).isZero();

            engine.jdbc().update("DELETE FROM incentive_detail");
            var result = sliced.compute("2026-09", businessDate);
            assertThat(result.details()).isEqualTo(8);
            assertThat(result.children()).isEqualTo(2);
            assertThat(result.written()).isEqualTo(10);
            assertThat(result.problems()).singleElement().asString().startsWith("order M-BAD:");
            assertThat(engine.jdbc().queryForList(ledger, String.class)).isEqualTo(inMemory);

            // C3's cash detail altered, C4's lost, a stray row, and C1's ec2 detail settled by a confirmed statement
            // with its amount changed since (a settled detail is never recomputed: it stays as it is)
            alterLedger(engine);
            String c1 = engine.jdbc().queryForObject("""
                    SELECT detail_id FROM incentive_detail
                     WHERE customer_id = 'C1' AND service_type_code = 'hws.service.type.ec2'""", String.class);
            engine.jdbc().update("""
                    UPDATE incentive_detail SET settled_statement_id = 'S-1', amount = 94.49 WHERE detail_id = ?""", c1);

            result = sliced.compute("2026-09", businessDate);
            // one replaced + one inserted + one deleted; the settled one is not among the 7 details computed
            assertThat(result.written()).isEqualTo(3);
            assertThat(result.details()).isEqualTo(7);
            List<String> expected = inMemory.stream()
                    .map(row -> row.startsWith(c1 + " ") ? row.replace(" 94.50000000 AVAILABLE", " 94.49000000 AVAILABLE")
                            .replaceAll(" -$", " S-1") : row)
                    .toList();
            assertThat(expected).isNotEqualTo(inMemory);
            assertThat(engine.jdbc().queryForList(ledger, String.class)).isEqualTo(expected);
        }
    }

    /**
     * A statement of more lines than are written at a time (1,000) and workbooks of more rows than are handed to the
     * writing thread at a time (5,000): every line once, in sheet order, the figures the sum of them all.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStatementOfManyLinesIsWrittenWholeAndInOrder(TestDatabase database) {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .milestone("M-OK", 1, "0.3", "2026-10-01")
                .writeReference();
        String[] lines = new String[6_001];
        for (int i = 0; i < 6_000; i++) {
            lines[i] = record("o" + i, "C1", String.format("2026-09-%02d", 1 + i % 28), "1", "hws.service.type.rds",
                    String.format("O-%04d", i), "10.00", "0", "0", "0");
        }
        lines[6_000] = record("m", "C1", "2026-09-04", "1", "hws.service.type.rds", "M-OK", "1234.56", "0", "0", "0");
        ws.inboxFile("many.csv", CURRENT_HEADER, lines);
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            assertThat(engine.monthly("2026-09", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // 6,000 orders of 10.00 × 9 % = 0.90 each: 5,400.00; M-OK 1234.56 × 9 % = 111.1104 → 111.11, its first
            // milestone releases 111.11 × 0.3 = 33.333 → 33.33 (a child), the parent keeps 77.78 frozen
            // incentive_total = 5,400.00 + 33.33 + 77.78 = 5,511.11; frozen 77.78; available 5,400.00 + 33.33 = 5,433.33
            assertThat(engine.count("SELECT COUNT(*) FROM incentive_detail")).isEqualTo(6_002);
            var statement = engine.jdbc().queryForMap("SELECT * FROM statement WHERE statement_id = 'ST-202609-P1'");
            assertThat((java.math.BigDecimal) statement.get("incentive_total")).isEqualByComparingTo("5511.11");
            assertThat((java.math.BigDecimal) statement.get("frozen_total")).isEqualByComparingTo("77.78");
            assertThat((java.math.BigDecimal) statement.get("available_total")).isEqualByComparingTo("5433.33");
            assertThat((java.math.BigDecimal) statement.get("payable")).isEqualByComparingTo("5433.33");
            assertThat(engine.count("SELECT COUNT(DISTINCT detail_id) FROM statement_detail")).isEqualTo(6_002);

            List<String> ids = engine.jdbc().queryForList("""
                    SELECT detail_id FROM incentive_detail ORDER BY COALESCE(parent_detail_id, detail_id),
                           COALESCE(milestone_no, 0)""", String.class);
            String parent = engine.jdbc().queryForObject(
                    "SELECT parent_detail_id FROM incentive_detail WHERE parent_detail_id IS NOT NULL", String.class);
            assertThat(ids.get(ids.indexOf(parent) + 1)).isEqualTo(parent + "-M1");
            Path out = ws.root().resolve("out/2026-09");
            assertThat(io.partnersettlement.support.Sheets.table(out.resolve("incentives-2026-09.xlsx"), "Details"))
                    .extracting(row -> row.get("detail_id")).containsExactlyElementsOf(ids);
            var statementLines = io.partnersettlement.support.Sheets.table(
                    out.resolve("statements/ST-202609-P1.xlsx"), "Details");
            assertThat(statementLines).extracting(row -> row.get("detail_id")).containsExactlyElementsOf(ids);
            // numeric cells, read back as their plain digits
            assertThat(statementLines.stream().map(row -> new java.math.BigDecimal((String) row.get("settlement_amount")))
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)).isEqualByComparingTo("5511.11");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLaterPeriodsRunReleasesWhatWasFrozenInEarlierPeriods(TestDatabase database) {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            engine.monthly("2026-09", "2026-11-02");
            assertThat(detail(engine, "C4", "hws.service.type.ec2", "CREDIT")).isEqualTo(new Row("FROZEN", "CREDIT_UNPAID", "10"));
            // C4 pays its September bill on 11-20; October's run on 12-02 also sees the third milestone of M-OK (set 12-01)
            ws.repaid("C4", "2026-09", "2026-11-20").writeReference();
            ws.inboxFile("b.csv", CURRENT_HEADER, usage("r10", "C1", "2026-10-01", "10.00"));
            engine.nightly("2026-12-02");
            engine.monthly("2026-10", "2026-12-02");
            assertThat(detail(engine, "C4", "hws.service.type.ec2", "CREDIT")).isEqualTo(new Row("AVAILABLE", null, "10"));
            // child 3 = 111.11 × 1.0 − 66.67 = 44.44; the September parent is released
            assertThat(detail(engine, "C1", "hws.service.type.rds", "CASH")).isEqualTo(new Row("RELEASED", null, "0"));
            assertThat(engine.count("SELECT COUNT(*) FROM incentive_detail WHERE order_id = 'M-OK' AND status = 'AVAILABLE'"))
                    .isEqualTo(3);
            // October's own detail: 10.00 × 9 % = 0.90
            assertThat(engine.decimal("SELECT amount FROM incentive_detail WHERE period = '2026-10'")).isEqualByComparingTo("0.90");
            // M-BAD is still named: every run that computes its detail reports it
            assertThat(engine.count("SELECT COUNT(*) FROM run_problem WHERE message LIKE '2026-09 order M-BAD%'")).isEqualTo(2);
        }
    }

    /**
     * On PostgreSQL the monthly run brings the planner's row estimates of the consumption it pages through and of the
     * details it wrote up to date, instead of waiting for autovacuum: planned for an empty table, the paged read of a
     * period scans the rest of the period for every page.
     */
    @Test
    void onPostgresqlTheMonthlyRunPlansForTheRowsItReadsAndWrites() {
        TestWorkspace ws = workspace();
        String url = fixture.database(TestDatabase.POSTGRESQL);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-11-02");
            // a few rows, far below autovacuum's threshold (50 rows + 10 %): only an explicit ANALYZE counts them
            assertThat(estimatedRows(engine, "consumption_fact")).isLessThanOrEqualTo(0);
            assertThat(engine.monthly("2026-09", "2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // ANALYZE of a small table reads every row: the estimates are the counts
            assertThat(estimatedRows(engine, "consumption_fact"))
                    .isEqualTo(engine.count("SELECT COUNT(*) FROM consumption_fact")).isPositive();
            assertThat(estimatedRows(engine, "incentive_detail"))
                    .isEqualTo(engine.count("SELECT COUNT(*) FROM incentive_detail")).isEqualTo(10);
        }
    }

    private static long estimatedRows(Engine engine, String table) {
        return engine.jdbc().queryForObject("""
                SELECT CAST(c.reltuples AS BIGINT) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relname = ?""", Long.class, table);
    }

    /** Every cell of every sheet, as sheet!row:column=value. */
    static List<String> cells(Path workbook) throws java.io.IOException {
        List<String> cells = new java.util.ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(workbook))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.add(sheet.getSheetName() + "!"
                    + cell.getRowIndex() + ":" + cell.getColumnIndex() + "=" + cell.getCellType() + ":"
                    + formatter.formatCellValue(cell)))));
        }
        return cells;
    }

    static List<String> ledger(Engine engine) {
        return engine.jdbc().queryForList("""
                SELECT detail_id || ' ' || CAST(amount AS VARCHAR(40)) || ' ' || status FROM incentive_detail
                 ORDER BY detail_id""", String.class);
    }
}

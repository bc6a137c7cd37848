package io.partnersettlement.ingest;

import static io.partnersettlement.ingest.NightlyJobTest.performance;
import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * Values of a single line that once failed every night from then on: each is rejected at its own line, the other lines
 * of its file are ingested, and the next night runs as usual.
 */
class PoisonValuesTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    /** A usage line of 1.00 for C1 on 2026-09-05 with the given id, customer, bill cycle and currency. */
    static String line(String id, String customer, String cycle, String currency) {
        return id + "," + customer + ",2026-09-05,," + cycle + ",5,hws.service.type.ec2,,cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,"
                + currency;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void poisonValuesAreRejectedAtTheirLineAndTheNightCompletes(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws")).partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "").writeReference();
        // a BOM at the start of the file is a BOM, not part of the first column's name
        Path file = ws.inboxFile("a.csv", "\ufeff" + CURRENT_HEADER,
                usage("g1", "C1", "2026-09-03", "7.00"),
                line("p1", "C1", "", "ΑΒΓ"),
                line("p2", "C1", "", "ＣＮＹ"),
                line("p3", "C1", "", "cny"),
                line("p4", "C1", "7488-01", ""),
                line("p5", "C1", "2730-08", ""),
                line("p6", "C1\u0000", "", ""),
                line("p7", "C1\u00a0", "", ""),
                line("p8\u200b", "C1", "", ""),
                line("p9", "C".repeat(65), "", ""),
                usage("g2", "C1", "2026-09-04", "2.00"));
        assertThat(Files.readString(file)).startsWith("\ufeffid,");

        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.jdbc().queryForList("""
                    SELECT line_number || ' ' || reason || ' ' || message FROM rejected_line ORDER BY line_number""",
                    String.class)).containsExactly(
                            "3 BAD_VALUE currency 'ΑΒΓ' is not three ASCII letters (ISO 4217)",
                            "4 BAD_VALUE currency 'ＣＮＹ' is not three ASCII letters (ISO 4217)",
                            "6 BAD_DATE bill_cycle '7488-01' lies outside the years 2000-2099",
                            "7 BAD_DATE bill_cycle '2730-08' lies outside the years 2000-2099",
                            "8 BAD_VALUE customer_id holds the control character U+0000",
                            "9 BAD_VALUE customer_id holds the invisible character U+00A0",
                            "10 BAD_VALUE id holds the invisible character U+200B",
                            "11 BAD_VALUE customer_id is longer than the 64 characters the ledger keeps");
            // PostgreSQL text holds no NUL: the stored raw line shows it as U+2400
            assertThat(engine.jdbc().queryForObject("SELECT raw_line FROM rejected_line WHERE line_number = 8", String.class))
                    .isEqualTo(line("p6", "C1\u2400", "", ""));
            // g1 7.00 + p3 1.00 (cny is CNY) + g2 2.00 = 10.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("10.00");
            assertThat(engine.jdbc().queryForList("SELECT DISTINCT currency FROM consumption_fact", String.class))
                    .containsExactly("CNY");
            // nothing of 7488-01 or 2730-08 anywhere: no period, no workbook
            assertThat(engine.jdbc().queryForList("SELECT DISTINCT period FROM ingest_file_period", String.class))
                    .containsExactly("2026-09");
            assertThat(engine.jdbc().queryForObject("""
                    SELECT status || ' ' || lines_read || '/' || records_ingested || '/' || rejected FROM ingest_file""",
                    String.class)).isEqualTo("ARCHIVED 11/3/8");
            assertThat(Files.list(ws.root().resolve("out")).map(p -> p.getFileName().toString()))
                    .containsExactly("2026-09");

            // the next night runs as usual
            ws.inboxFile("b.csv", CURRENT_HEADER, usage("g3", "C1", "2026-09-06", "5.00"));
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // 10.00 + g3 5.00 = 15.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("15.00");
        }
        assertThat(ws.root().resolve("rejects/a.csv.rejects.csv")).exists();
    }

    @Test
    void factKeysOfTheWholeWindowFitALongInPeriodOrder() {
        long maxFile = (1L << FactKeys.FILE_BITS) - 1;
        long first = FactKeys.of("2000-01", 1, 1);
        long last = FactKeys.of("2099-12", maxFile, FactKeys.MAX_LINES);
        assertThat(first).isPositive();
        assertThat(last).isPositive().isGreaterThan(first).isLessThan(FactKeys.after("2099-12"));
        assertThat(FactKeys.after("2099-12")).isPositive();
        // the last key of a period is below the first of the next
        assertThat(FactKeys.of("2026-08", maxFile, FactKeys.MAX_LINES)).isLessThan(FactKeys.first("2026-09"));
        assertThat(FactKeys.of("2026-09", 1, 2)).isBetween(FactKeys.first("2026-09"), FactKeys.after("2026-09") - 1);
        // a period the parser never accepts does not wrap onto another period's keys: it is refused
        assertThatThrownBy(() -> FactKeys.first("7488-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FactKeys.of("2026-09", 1, FactKeys.MAX_LINES + 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLineOfARecordIdIsPackedWithoutTouchingItsFile() {
        long location = RecordIdIndex.location(7, FactKeys.MAX_LINES);
        assertThat(RecordIdIndex.fileOf(location)).isEqualTo(7);
        assertThat(RecordIdIndex.lineOf(location)).isEqualTo(FactKeys.MAX_LINES);
        // a file with one line more than a key can number is set aside whole before any of it is read
        assertThat(FileCheck.lineCountProblem(FactKeys.MAX_LINES)).isNull();
        assertThat(FileCheck.lineCountProblem(FactKeys.MAX_LINES + 1).reason()).isEqualTo("TOO_MANY_LINES");
        assertThat(FileCheck.lineCountProblem(1L << 28).message()).isEqualTo("the file has more than 268435455 lines, the"
                + " most one file may have: split it and put the parts in the inbox");
    }
}

package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The ingest writes a block's sums to PostgreSQL with {@code COPY} (its own text rendering, for speed): gated here
 * against the batched insert it replaces — the same sums written both ways into two databases read back the same, row
 * by row and column by column, with values COPY's text format must escape (backslash, tab, newline, carriage return,
 * a literal {@code \N}, {@code \.}), other scripts and marks, and amounts of every sign, scale and size.
 */
class FactCopyTest {

    @TempDir
    Path dir;

    private static FactSums sums(long line, String payment, String cash, String credit) {
        FactSums s = new FactSums();
        s.firstLine = line;
        s.records = (int) line;
        s.cashRecords = 1;
        s.creditRecords = (int) (line % 2);
        s.payment = new BigDecimal(payment);
        s.cash = new BigDecimal(cash);
        s.cashAbs = s.cash.abs();
        s.credit = new BigDecimal(credit);
        s.creditAbs = s.credit.abs();
        s.equivalentAbs = s.cash.add(s.credit).abs();
        return s;
    }

    private static Map<FactKey, FactSums> facts(long fileId) {
        Map<FactKey, FactSums> facts = new LinkedHashMap<>();
        String[][] keys = {
                {"C\\1\t2", "5", "hws.service.type.ecs", "O-1"},
                {"客户\n二", "12", "hws.service.type.rds\r", "O\\N"},
                {"\u200Fcust\u200E", "5", "a'b\"c", "\\."},
                {"\\N", "7", "x", "ord\u0001er"},
                {"plain", "5", "hws.service.type.obs", "O-9"},
        };
        String[][] amounts = {
                {"0.00000001", "0.00000001", "0"},
                {"-12345678901234567890.12345678", "-12345678901234567890.12345678", "0.00"},
                {"1E+3", "999.99999999", "0.00000001"},
                {"5.123456789", "5.123456785", "0"},
                {"0", "-0.50", "0.50"},
        };
        for (int i = 0; i < keys.length; i++) {
            facts.put(new FactKey(fileId, "2026-09", LocalDate.of(2026, 9, 1 + i), keys[i][0], keys[i][1], keys[i][2],
                    keys[i][3], i == 2 ? "USD" : "CNY"), sums(2 + i * 3L, amounts[i][0], amounts[i][1], amounts[i][2]));
        }
        return facts;
    }

    private static List<String> rows(Engine engine) {
        List<String> rows = new ArrayList<>();
        engine.jdbc().query("SELECT * FROM consumption_fact ORDER BY fact_key", rs -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getMetaData().getColumnName(c)).append('=').append(rs.getString(c)).append('|');
            }
            rows.add(row.toString());
        });
        return rows;
    }

    @Test
    void copiedSumsReadBackAsTheBatchedInsertsDo() {
        String copied = TestDatabase.POSTGRESQL.freshUrl();
        String batched = TestDatabase.POSTGRESQL.freshUrl();
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws")).partner("P1", "CORE", "BANK_TRANSFER").writeReference();
        try (Engine one = new Engine(ws.root(), copied); Engine other = new Engine(ws.root(), batched)) {
            ConsumptionChunkWriter.insertFacts(one.jdbc(), facts(7));
            List<Map.Entry<Long, Map.Entry<FactKey, FactSums>>> rows = new ArrayList<>();
            facts(7).forEach((k, s) -> rows.add(Map.entry(FactKeys.of(k.period(), k.fileId(), s.firstLine),
                    Map.entry(k, s))));
            rows.sort(Map.Entry.comparingByKey());
            ConsumptionChunkWriter.insertBatched(other.jdbc(), rows);

            List<String> copiedRows = rows(one);
            assertThat(copiedRows).hasSize(5).isEqualTo(rows(other));
            // what the escaping must keep: the tab, the newline, the backslashes and the literal \N as they were
            assertThat(copiedRows.get(0)).contains("customer_id=C\\1\t2|");
            assertThat(copiedRows.get(1)).contains("customer_id=客户\n二|", "order_id=O\\N|");
            assertThat(copiedRows.get(3)).contains("customer_id=\\N|");
            // 5.123456789 kept to the column's 8 places, both ways: 5.12345679
            assertThat(copiedRows.get(3)).contains("payment_amount=5.12345679|");
        } finally {
            TestDatabase.dropIfPostgres(copied);
            TestDatabase.dropIfPostgres(batched);
        }
    }
}

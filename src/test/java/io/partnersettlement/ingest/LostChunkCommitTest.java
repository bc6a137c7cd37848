package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The database connection lost once a chunk's data is written, and back at once: the chunk's transaction (its data
 * and the step's reading position) fails, and the step, ending, saves the reading position it holds, already past the
 * chunk, on a new connection. A restart reads the chunk again, from where the
 * file's stored lines end, and ends with exactly the figures and file rows of an uninterrupted run.
 */
class LostChunkCommitTest {

    static final int LINES = 2_000;

    @TempDir
    Path dir;

    TestWorkspace workspace(String name) {
        TestWorkspace ws = new TestWorkspace(dir.resolve(name))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .writeReference();
        for (int file = 0; file < 2; file++) {
            List<String> lines = new ArrayList<>(LINES);
            for (int i = 0; i < LINES; i++) {
                int n = file * LINES + i;
                String day = String.format("2026-09-%02d", 1 + n % 30);
                // amounts vary in the cents so a lost or doubled record shows in the totals
                String cash = (n % 97) + "." + String.format("%02d", n % 100);
                lines.add(n % 101 == 0 ? "bad,line" : TestWorkspace.usage("k" + n, n % 3 == 0 ? "C2" : "C1", day, cash));
            }
            ws.write("inbox/f" + file + ".csv", TestWorkspace.CURRENT_HEADER, lines);
        }
        return ws;
    }

    /**
     * Chunks of 500 lines: each file (header and 2,000 lines) is 4 blocks. The commit of the 3rd block (lines 1,002 to
     * 1,501 of f0.csv) is lost, then that of the 4th (f0.csv's last block: the saved position already names its end).
     * Every record once: 4,000 lines less the 40 bad ones (every 101st: n = 0, 101, ... 1,919 in f0.csv, 2,020 ... 3,939
     * in f1.csv, 20 each): 40 rejected, 3,960 ingested; each file 2,000 lines read, 1,980 records, 20 rejected, 2,001
     * physical lines with its header.
     */
    // PostgreSQL only: the embedded H2 database lives in the process, and one of its connections closed under a
    // transaction takes the database's file with it rather than failing alone as a server's connection does
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRESQL")
    void aChunkWhoseCommitIsLostIsReadAgainByTheRestart(TestDatabase database) throws Exception {
        Map<String, Object> chunks = Map.of("settlement.chunk-size", 500);
        String expected;
        String url = database.freshUrl();
        try (Engine engine = new Engine(workspace("reference").root(), url, chunks)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            expected = figures(engine);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
        assertThat(expected).contains("f0.csv 2000 1980 0 20 2001", "f1.csv 2000 1980 0 20 2001");

        for (int lost : new int[] {3, 4}) {
            TestWorkspace ws = workspace("lost-" + lost);
            url = database.freshUrl();
            AtomicInteger writes = new AtomicInteger();
            try (Engine engine = new Engine(ws.root(), url, chunks)) {
                DataSource dataSource = engine.bean(DataSource.class);
                ConsumptionChunkWriter.afterWrite = () -> {
                    if (writes.incrementAndGet() == lost) {
                        // the chunk's connection breaks once its data is written, as when the server goes away: the
                        // step's execution context is saved in the chunk's transaction and fails with it
                        try {
                            DataSourceUtils.getConnection(dataSource).unwrap(Connection.class).close();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                assertThat(engine.nightly("2026-11-02").getStatus()).isNotEqualTo(BatchStatus.COMPLETED);
                ConsumptionChunkWriter.afterWrite = null;
                var restarted = engine.bean(io.partnersettlement.run.JobRuns.class).restart(null);
                assertThat(restarted.getStatus()).as("chunk %d lost", lost).isEqualTo(BatchStatus.COMPLETED);
                assertThat(figures(engine)).as("chunk %d lost", lost).isEqualTo(expected);
                assertThat(IdLedger.count(engine.jdbc())).isEqualTo(3_960);
            } finally {
                ConsumptionChunkWriter.afterWrite = null;
                TestDatabase.dropIfPostgres(url);
            }
        }
    }

    /** The figures of the run and every file's row: lines, records, repeats, rejected, physical lines read. */
    static String figures(Engine engine) {
        return KillAndRestartTest.figures(engine) + "\n" + String.join("\n", engine.jdbc().queryForList("""
                SELECT file_name || ' ' || lines_read || ' ' || records_ingested || ' ' || repeats || ' ' || rejected
                       || ' ' || physical_lines_read || ' ' || status FROM ingest_file ORDER BY file_name""", String.class));
    }
}

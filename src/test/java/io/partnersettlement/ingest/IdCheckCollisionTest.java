package io.partnersettlement.ingest;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestWorkspace;
import io.partnersettlement.workspace.Workspace;

/**
 * The id check on its own, with the ids' 64-bit hashes chosen by the test: a hash shared by two different ids (which
 * real ids reach about once in 2^64) must not make the second a duplicate, and only the same id with other content is.
 */
class IdCheckCollisionTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @Test
    void anIdSharingAnEarlierIdsHashIsNewWhileThatIdWithOtherContentIsADuplicate() throws IOException {
        TestWorkspace ws = fixture.workspace()
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", CURRENT_HEADER, usage("A", "C1", "2026-09-01", "100.00"));
        Engine engine = fixture.engine(ws.root(), null);
        engine.nightly("2026-11-02"); // A is in the id ledger, a.csv line 2, and a.csv in archive/
        long fileA = engine.jdbc().queryForObject("SELECT file_id FROM ingest_file WHERE file_name = 'a.csv'", Long.class);

        // b.csv, checked but not stored: A with other content, A as it was, then B
        ws.inboxFile("b.csv", CURRENT_HEADER,
                usage("A", "C1", "2026-09-01", "999.00"),
                usage("A", "C1", "2026-09-01", "100.00"),
                usage("B", "C1", "2026-09-02", "5.00"));
        LineBlock parsed = parse(ws.root().resolve("inbox/b.csv"), fileA + 1, "b.csv");
        // every id of the block hashed as A's id is: B's hash collides with A's
        long[] asA = new long[parsed.idHashes().length];
        Arrays.fill(asA, RecordIdIndex.hash("A"));
        assertThat(parsed.idHashes()[2]).as("B's own hash").isNotEqualTo(asA[2]);
        LineBlock block = new LineBlock(parsed.fileId(), parsed.fileName(), parsed.firstLine(), parsed.lines(),
                parsed.fromLine(), parsed.nextLine(), parsed.bytesRead(), asA, parsed.fingerprints(),
                parsed.recordLines(), parsed.rejected(), parsed.facts(), parsed.periods());

        try (IdCheck check = new IdCheck(engine.jdbc(), new Workspace(ws.root()), new ConsumptionLineParser("CNY"),
                Set.of(), Map.of(fileA, "a.csv"))) {
            CheckedBlock checked = check.check(block);

            // A with 999.00: the hash matches, the content does not, and a.csv line 2 says A: a duplicate
            assertThat(checked.rejected()).singleElement().satisfies(r -> {
                assertThat(r.lineNumber()).isEqualTo(2);
                assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE_ID);
                assertThat(r.message()).isEqualTo("id A was already ingested with different content (a.csv line 2)");
            });
            // A with 100.00: the hash and the content match: a repeat, counted once and not again
            assertThat(checked.repeated()).isEqualTo(1);
            // B: the hash matches, the content does not, and a.csv line 2 says A, not B: a new record after all
            assertThat(checked.ingested()).isEqualTo(1);
            // the block's sums are then B's alone: 5.00, from line 4
            assertThat(checked.facts().values()).singleElement().satisfies(sums -> {
                assertThat(sums.payment).isEqualByComparingTo("5.00");
                assertThat(sums.firstLine).isEqualTo(4);
            });
        }
    }

    /** The block the inbox reader would hand over for the whole file. */
    private static LineBlock parse(Path file, long fileId, String name) throws IOException {
        ConsumptionLineParser parser = new ConsumptionLineParser("CNY");
        LineBlock.Builder block = new LineBlock.Builder(fileId, name, Set.of(), new CanonicalValues(), 100);
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(reader.next().fields());
            CsvLine line;
            while ((line = reader.next()) != null) {
                block.add(line.lineNumber(), line.raw().length(), parser.process(new InboxLine(fileId, layout, line)));
            }
            return block.build(1, reader.nextLineNumber(), reader.bytesRead());
        }
    }
}

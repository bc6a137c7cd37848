package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.ParsedLine.Accepted;

/**
 * The accepted records of a {@link LineBlock}, parsed again from the inbox file: blocks carry sums, not records, and
 * only a block holding a repeat or a duplicate id needs its records one by one.
 */
final class BlockRecords {

    private final Path inbox;
    private final ConsumptionLineParser parser;

    BlockRecords(Path inbox, ConsumptionLineParser parser) {
        this.inbox = inbox;
        this.parser = parser;
    }

    List<ConsumptionRecord> read(LineBlock block) {
        List<ConsumptionRecord> records = new ArrayList<>(block.idHashes().length);
        try (CsvFileReader reader = CsvFileReader.open(inbox.resolve(block.fileName()))) {
            CsvLine header = reader.next();
            ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
            reader.skipTo(block.firstLine());
            for (int i = 0; i < block.lines(); i++) {
                CsvLine line = reader.next();
                if (line == null) {
                    break;
                }
                if (parser.process(new InboxLine(block.fileId(), layout, line)) instanceof Accepted a) {
                    records.add(a.record());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read inbox/" + block.fileName() + " again", e);
        }
        if (records.size() != block.idHashes().length
                || (!records.isEmpty() && records.get(0).lineNumber() != block.recordLines()[0])) {
            throw new IllegalStateException("inbox/" + block.fileName() + " changed while it was being ingested (lines "
                    + block.firstLine() + " to " + (block.nextLine() - 1) + " read differently)");
        }
        return records;
    }
}

package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Path;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;

/** Reads and validates a consumption file without storing anything: the bench's measure of the parsing cost. */
public final class ParseOnly {

    private ParseOnly() {
    }

    public static long acceptedRecords(Path file, String defaultCurrency) throws IOException {
        ConsumptionLineParser parser = new ConsumptionLineParser(defaultCurrency);
        long accepted = 0;
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            CsvLine header = reader.next();
            ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
            CsvLine line;
            while ((line = reader.next()) != null) {
                if (parser.process(new InboxLine(0, layout, line)) instanceof ParsedLine.Accepted) {
                    accepted++;
                }
            }
        }
        return accepted;
    }
}

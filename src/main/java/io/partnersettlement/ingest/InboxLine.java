package io.partnersettlement.ingest;

import io.partnersettlement.csv.CsvLine;

/** A line of an inbox file, with what is needed to read it. */
record InboxLine(long fileId, ConsumptionColumn.Layout layout, CsvLine line) {
}

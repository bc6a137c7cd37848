package io.partnersettlement.ingest;

import java.math.BigDecimal;

import io.partnersettlement.consumption.RejectReason;

/** A consumption line after validation: a record, or a rejection with its reason. */
sealed interface ParsedLine {

    long fileId();

    record Accepted(ConsumptionRecord record) implements ParsedLine {
        @Override
        public long fileId() {
            return record.fileId();
        }
    }

    /**
     * @param period        the line's period when it could be read (for the Data Quality sheet), else {@code null}
     * @param paymentAmount the line's payable amount when it could be read, else {@code null}
     */
    record Rejected(long fileId, long lineNumber, RejectReason reason, String message, String rawLine, String period,
            BigDecimal paymentAmount) implements ParsedLine {
    }
}

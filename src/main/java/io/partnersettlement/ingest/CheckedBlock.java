package io.partnersettlement.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.partnersettlement.ingest.ParsedLine.Rejected;

/**
 * A parsed block whose ids were checked against the id ledger: the item the ingest step's writer stores.
 *
 * @param block    the block as parsed
 * @param ids      the block's new ids, for the ledger
 * @param facts    the consumption of the new ids, summed per key
 * @param rejected the block's rejected lines, those with a duplicate id included
 * @param repeats  harmless repeats per period: record count and payment amount
 * @param ingested records with new ids
 * @param repeated records skipped as repeats
 * @param changed  how the file changed since it was registered, for the end of such a file; else {@code null}
 */
record CheckedBlock(LineBlock block, IdLedger.BlockBuilder ids, Map<FactKey, FactSums> facts, List<Rejected> rejected,
        Map<String, Repeats> repeats, long ingested, long repeated, String changed) {

    CheckedBlock(LineBlock block, IdLedger.BlockBuilder ids, Map<FactKey, FactSums> facts, List<Rejected> rejected,
            Map<String, Repeats> repeats, long ingested, long repeated) {
        this(block, ids, facts, rejected, repeats, ingested, repeated, null);
    }

    /**
     * The end of a file that is no longer the file registered (it grew, shrank, was rewritten or is gone): the writer
     * takes back everything of it and leaves it in the inbox for a later run.
     *
     * @param block  an empty block of the file, after its last line
     * @param reason how the file changed
     */
    static CheckedBlock changed(LineBlock block, String reason) {
        return new CheckedBlock(block, new IdLedger.BlockBuilder(block.fileId()), Map.of(), List.of(), Map.of(), 0, 0,
                reason);
    }

    /** Repeats of one period. */
    static final class Repeats {
        long records;
        BigDecimal payment = BigDecimal.ZERO;
    }
}

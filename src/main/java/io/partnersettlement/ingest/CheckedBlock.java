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
 */
record CheckedBlock(LineBlock block, IdLedger.BlockBuilder ids, Map<FactKey, FactSums> facts, List<Rejected> rejected,
        Map<String, Repeats> repeats, long ingested, long repeated) {

    /** Repeats of one period. */
    static final class Repeats {
        long records;
        BigDecimal payment = BigDecimal.ZERO;
    }
}

package io.partnersettlement.ingest;

import java.util.List;
import java.util.function.LongFunction;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.workspace.Workspace;

/**
 * Writes ids into the id ledger the way a night does — blocks of a chunk's ids, then indexed once, sorted by hash, as a
 * generation of the index — without files to read them from: how a bench puts a long history in place (the soak's
 * pre-built history of earlier nights) without ingesting every record of it. The lines of such ids cannot be read back,
 * so a new id sharing a hash with one of them (one chance in about 2^64 / history) would be taken for it.
 */
public final class IdHistoryLoader {

    private static final int BLOCK_IDS = 200_000;

    private IdHistoryLoader() {
    }

    /**
     * Writes {@code count} ids ({@code idOf(0)} … {@code idOf(count − 1)}) as the ids of the file {@code fileId}, lines
     * 2 on, then indexes them; their fingerprints are those of content no line will have.
     *
     * @return the ids indexed
     */
    public static long write(JdbcTemplate jdbc, Workspace workspace, String defaultCurrency, long fileId, long count,
            LongFunction<String> idOf) {
        for (long first = 0; first < count; first += BLOCK_IDS) {
            IdLedger.BlockBuilder block = new IdLedger.BlockBuilder(fileId);
            for (long i = first; i < Math.min(count, first + BLOCK_IDS); i++) {
                long hash = RecordIdIndex.hash(idOf.apply(i));
                block.add(hash, ~hash, i + 2, false);
            }
            IdLedger.store(jdbc, List.of(block));
        }
        // as a night's indexing does, the workspace's filter taking the ids as they are indexed
        try (IdFilter filter = IdFilter.forIndexingOrNone(jdbc, workspace, IdCheck.DEFAULT_FILTER_MIB)) {
            return IdLedger.indexPending(jdbc, new NightDuplicates(jdbc, workspace,
                    new ConsumptionLineParser(defaultCurrency), NightlyJobConfiguration.orderBillTypes(jdbc)), filter);
        }
    }
}

package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.workspace.Workspace;

/**
 * Checks the ids of parsed blocks, in file and line order, against every id ingested before: a record id already
 * ingested with the same content is a repeat; with different content it is rejected as {@code DUPLICATE_ID}. The ids
 * are looked up in a {@link RecordIdIndex} loaded from the committed ledger with the first block and kept in step with
 * every block checked since, so blocks are checked ahead of the chunk being written; a failed chunk fails the step, and
 * its restart loads the index again.
 */
final class IdCheck implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final EarlierLines earlierLines;
    private final BlockRecords blockRecords;
    private final Set<String> orderBillTypes;
    private final Map<Long, String> fileNames;
    private final long expectedRecords;
    private RecordIdIndex index;

    /**
     * @param expectedRecords about how many records the run reads: room the id index is given from the start
     */
    IdCheck(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes,
            Map<Long, String> fileNames, long expectedRecords) {
        this.jdbc = jdbc;
        this.earlierLines = new EarlierLines(jdbc, workspace);
        this.blockRecords = new BlockRecords(workspace.inbox(), parser);
        this.orderBillTypes = orderBillTypes;
        this.fileNames = fileNames;
        this.expectedRecords = expectedRecords;
    }

    CheckedBlock check(LineBlock block) {
        if (index == null) {
            index = IdLedger.load(jdbc, expectedRecords);
        }
        List<Rejected> rejected = new ArrayList<>(block.rejected());
        Map<String, CheckedBlock.Repeats> repeats = new TreeMap<>();
        IdLedger.BlockBuilder ids = new IdLedger.BlockBuilder(block.fileId());
        long ingested = 0;
        long repeated = 0;
        // most blocks bring only new ids: their sums stand; a block with a repeat or a duplicate is read again
        List<ConsumptionRecord> records = null;
        List<ConsumptionRecord> fresh = null;
        long[] hashes = block.idHashes();
        for (int i = 0; i < hashes.length; i++) {
            long hash = hashes[i];
            long fingerprint = block.fingerprints()[i];
            long line = block.recordLines()[i];
            int first = index.next(hash, -1);
            boolean repeat = false;
            Long duplicateOf = null;
            if (first >= 0 && records == null) {
                records = blockRecords.read(block);
            }
            ConsumptionRecord r = records == null ? null : records.get(i);
            for (int slot = first; slot >= 0 && !repeat; slot = index.next(hash, slot + 1)) {
                repeat = index.fingerprint(slot) == fingerprint;
            }
            for (int slot = first; slot >= 0 && !repeat && duplicateOf == null; slot = index.next(hash, slot + 1)) {
                if (sameId(r.id(), index.location(slot))) {
                    duplicateOf = index.location(slot);
                }
            }
            if (!repeat && duplicateOf == null) {
                // a new id (or a hash shared by two ids: a new record after all)
                index.add(hash, fingerprint, RecordIdIndex.location(block.fileId(), line));
                ids.add(hash, fingerprint, line);
                ingested++;
                if (fresh != null) {
                    fresh.add(records.get(i));
                }
                continue;
            }
            if (fresh == null) {
                fresh = new ArrayList<>(records.subList(0, i));
            }
            if (repeat) {
                CheckedBlock.Repeats tally = repeats.computeIfAbsent(r.period(), k -> new CheckedBlock.Repeats());
                tally.records++;
                tally.payment = tally.payment.add(r.paymentAmount());
                repeated++;
            } else {
                long earlierFile = RecordIdIndex.fileOf(duplicateOf);
                String where = fileNames.getOrDefault(earlierFile, "file #" + earlierFile);
                rejected.add(new Rejected(r.fileId(), r.lineNumber(), RejectReason.DUPLICATE_ID, "id " + r.id()
                        + " was already ingested with different content (" + where + " line "
                        + RecordIdIndex.lineOf(duplicateOf) + ")", r.rawLine(), r.period(), r.paymentAmount()));
            }
        }
        Map<FactKey, FactSums> facts = block.facts();
        if (fresh != null) {
            facts = new HashMap<>();
            for (ConsumptionRecord r : fresh) {
                facts.computeIfAbsent(FactKey.of(r, orderBillTypes), k -> new FactSums()).add(r);
            }
        }
        return new CheckedBlock(block, ids, facts, rejected, repeats, ingested, repeated);
    }

    /** Forgets the ids of a file that changed while it was read: the files after it are checked as if it had not been. */
    void discard(long fileId) {
        if (index != null) {
            index.removeFile(fileId);
        }
    }

    /**
     * Whether the record at {@code location} has the id {@code id}: ids are held as 64-bit hashes, so a hash match with
     * other content is confirmed against the earlier line itself. A line that cannot be read back counts as the same
     * id: the record is then rejected, never counted twice.
     */
    private boolean sameId(String id, long location) {
        String earlier = earlierLines.idAt(RecordIdIndex.fileOf(location), RecordIdIndex.lineOf(location));
        return earlier == null || earlier.equals(id);
    }

    @Override
    public void close() {
        earlierLines.close();
    }
}

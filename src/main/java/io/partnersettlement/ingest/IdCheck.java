package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.workspace.Workspace;

/**
 * Checks the ids of parsed blocks, in file and line order, against every id ingested before: a record id already
 * ingested with the same content is a repeat; with different content it is rejected as {@code DUPLICATE_ID}. Each block's
 * ids are probed in the database's id ledger ({@link IdLedger#probe}, the committed ids) and in the blocks checked
 * ahead of the writer whose chunks have not committed yet (held in memory until they do): what the check holds is the
 * blocks in flight, never the history. The pending blocks are looked at before the database, and a block leaves them
 * only once its commit is visible, so an id is never in neither. A failed chunk fails the step; its restart probes
 * the database again.
 */
final class IdCheck implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final EarlierLines earlierLines;
    private final BlockRecords blockRecords;
    private final Set<String> orderBillTypes;
    private final Map<Long, String> fileNames;
    /** Blocks checked whose chunks have not committed yet, in order. */
    private final Deque<IdLedger.BlockBuilder> pending = new ConcurrentLinkedDeque<>();
    /** Files taken back in this run: their ids in the database are about to go, and count for nothing meanwhile. */
    private final Set<Long> discarded = new HashSet<>();
    private boolean caughtUp;

    IdCheck(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes,
            Map<Long, String> fileNames) {
        this.jdbc = jdbc;
        this.earlierLines = new EarlierLines(jdbc, workspace);
        this.blockRecords = new BlockRecords(workspace.inbox(), parser);
        this.orderBillTypes = orderBillTypes;
        this.fileNames = fileNames;
    }

    CheckedBlock check(LineBlock block) {
        if (!caughtUp) {
            IdLedger.catchUp(jdbc);
            caughtUp = true;
        }
        pending.removeIf(b -> b.committed);
        long[] hashes = block.idHashes();
        // the pending blocks first, then the database: a block leaves the pending ones only after its commit
        Map<Long, List<IdLedger.Candidate>> candidates = new HashMap<>();
        for (IdLedger.BlockBuilder earlier : pending) {
            for (long hash : hashes) {
                List<IdLedger.Candidate> found = new ArrayList<>(0);
                earlier.find(hash, found);
                if (!found.isEmpty()) {
                    candidates.computeIfAbsent(hash, k -> new ArrayList<>()).addAll(found);
                }
            }
        }
        IdLedger.probe(jdbc, hashes).forEach((hash, found) -> {
            for (IdLedger.Candidate c : found) {
                if (!discarded.contains(c.fileId())) {
                    candidates.computeIfAbsent(hash, k -> new ArrayList<>()).add(c);
                }
            }
        });
        List<Rejected> rejected = new ArrayList<>(block.rejected());
        Map<String, CheckedBlock.Repeats> repeats = new TreeMap<>();
        IdLedger.BlockBuilder ids = new IdLedger.BlockBuilder(block.fileId(), hashes.length);
        long ingested = 0;
        long repeated = 0;
        // most blocks bring only new ids: their sums stand; a block with a repeat or a duplicate is read again
        List<ConsumptionRecord> records = null;
        List<ConsumptionRecord> fresh = null;
        for (int i = 0; i < hashes.length; i++) {
            long hash = hashes[i];
            long fingerprint = block.fingerprints()[i];
            long line = block.recordLines()[i];
            List<IdLedger.Candidate> earlier = new ArrayList<>(candidates.getOrDefault(hash, List.of()));
            ids.find(hash, earlier);
            boolean repeat = false;
            IdLedger.Candidate duplicateOf = null;
            if (!earlier.isEmpty() && records == null) {
                records = blockRecords.read(block);
            }
            ConsumptionRecord r = records == null ? null : records.get(i);
            for (IdLedger.Candidate c : earlier) {
                repeat |= c.fingerprint() == fingerprint;
            }
            for (int k = 0; k < earlier.size() && !repeat && duplicateOf == null; k++) {
                if (sameId(r.id(), earlier.get(k))) {
                    duplicateOf = earlier.get(k);
                }
            }
            if (!repeat && duplicateOf == null) {
                // a new id (or a hash shared by two ids: a new record after all, kept beside the other)
                ids.add(hash, fingerprint, line, !earlier.isEmpty());
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
                long earlierFile = duplicateOf.fileId();
                String where = fileNames.getOrDefault(earlierFile, "file #" + earlierFile);
                rejected.add(new Rejected(r.fileId(), r.lineNumber(), RejectReason.DUPLICATE_ID, "id " + r.id()
                        + " was already ingested with different content (" + where + " line "
                        + duplicateOf.line() + ")", r.rawLine(), r.period(), r.paymentAmount()));
            }
        }
        Map<FactKey, FactSums> facts = block.facts();
        if (fresh != null) {
            facts = new HashMap<>();
            for (ConsumptionRecord r : fresh) {
                facts.computeIfAbsent(FactKey.of(r, orderBillTypes), k -> new FactSums()).add(r);
            }
        }
        pending.add(ids);
        return new CheckedBlock(block, ids, facts, rejected, repeats, ingested, repeated);
    }

    /** Forgets the ids of a file that changed while it was read: the files after it are checked as if it had not been. */
    void discard(long fileId) {
        discarded.add(fileId);
        pending.removeIf(b -> b.fileId == fileId);
    }

    /**
     * Whether the record of {@code candidate} has the id {@code id}: ids are held as 64-bit hashes, so a hash match with
     * other content is confirmed against the earlier line itself. A line that cannot be read back counts as the same
     * id: the record is then rejected, never counted twice.
     */
    private boolean sameId(String id, IdLedger.Candidate candidate) {
        String earlier = earlierLines.idAt(candidate.fileId(), candidate.line());
        return earlier == null || earlier.equals(id);
    }

    @Override
    public void close() {
        earlierLines.close();
    }
}

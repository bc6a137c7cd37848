package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * ingested with the same content is a repeat; with different content it is rejected as {@code DUPLICATE_ID}. Each block's
 * ids are probed in the database's id ledger ({@link IdLedger#probe}: the ids of earlier nights, indexed — those its
 * {@link IdFilter} may hold: a new id seldom needs the database) and in the
 * ids this run has checked so far, held in memory until the night's ingest is done and its ids are indexed: what the
 * check holds is bounded by the night, never by the history. A check sees its own files: with the ingest partitioned,
 * ids that two partitions both take as new are put right when the night is indexed ({@link NightDuplicates}). A failed
 * chunk fails the step; its restart first takes back into memory the ids its files stored in the failed attempt (not
 * indexed before the night's ingest is done) and probes the database again.
 */
final class IdCheck implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdCheck.class);

    private final JdbcTemplate jdbc;
    private final EarlierLines earlierLines;
    private final BlockRecords blockRecords;
    private final Set<String> orderBillTypes;
    private final Map<Long, String> fileNames;
    /**
     * The new ids of this run, checked so far: the database's index holds those of earlier nights, and this night's
     * once its ingest is done. Bounded by the night's ids (about 34 bytes an id), never by the history.
     */
    private RecordIdIndex night;
    /** Files taken back in this run: their ids in the database are about to go, and count for nothing meanwhile. */
    private final Set<Long> discarded = new HashSet<>();
    private final Set<Long> ownFiles;
    private boolean caughtUp;
    private boolean history;
    private long checked;
    private long reread;
    private long rereadNanos;
    private long probed;
    private long probeNanos;
    /** Asked first: only the ids the index may hold are probed in the database. */
    private IdFilter filter;
    /** The lookups in the database, side by side on PostgreSQL. */
    private IdProbes probes;
    private final int filterLog2Bits;
    private final java.nio.file.Path filterFile;
    static final int DEFAULT_FILTER_MIB = 512;

    IdCheck(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes,
            Map<Long, String> fileNames) {
        this(jdbc, workspace, parser, orderBillTypes, fileNames, Set.of(), 0, DEFAULT_FILTER_MIB);
    }

    /**
     * @param ownFiles   the files this check reads: what they stored in an earlier attempt of the night is held again
     * @param inboxBytes the bytes the check reads: the night's ids are held in room sized for them at once
     * @param filterMib  the size of the filter of the index's hashes ({@code settlement.id-filter-mib}); 0: none, every
     *                   id is probed
     */
    IdCheck(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes,
            Map<Long, String> fileNames, Set<Long> ownFiles, long inboxBytes, int filterMib) {
        // a consumption line takes about 190 bytes; sized for lines of 160, the room is rarely grown
        this.night = new RecordIdIndex(Math.min(inboxBytes / 160, 50_000_000));
        this.jdbc = jdbc;
        this.earlierLines = new EarlierLines(jdbc, workspace);
        this.blockRecords = new BlockRecords(workspace.inbox(), parser);
        this.orderBillTypes = orderBillTypes;
        this.fileNames = fileNames;
        this.ownFiles = ownFiles;
        this.filterLog2Bits = IdFilter.log2Bits(filterMib);
        this.filterFile = workspace.db().resolve(IdFilter.FILE);
    }

    CheckedBlock check(LineBlock block) {
        if (!caughtUp) {
            holdStoredTonight();
            caughtUp = true;
            // the index changes only once the night's ingest is done: a first night has nothing to probe
            history = IdLedger.holdsAny(jdbc, "id_ledger") || IdLedger.holdsAny(jdbc, "id_ledger_shared_hash");
            if (history) {
                filter = openFilter();
                probes = IdProbes.open(jdbc, Integer.getInteger("settlement.id-probe-connections", 4));
            }
        }
        long[] hashes = block.idHashes();
        // the ids of earlier nights in the database's index; this night's, this block's included, in memory
        Map<Long, List<IdLedger.Candidate>> candidates = new HashMap<>();
        long probing = System.nanoTime();
        long[] maybe = !history ? new long[0] : filter == null ? hashes : filter.mayHold(hashes);
        Map<Long, List<IdLedger.Candidate>> indexed = maybe.length == 0 ? Map.of() : probes.probe(maybe);
        probeNanos += System.nanoTime() - probing;
        checked += history ? hashes.length : 0;
        probed += maybe.length;
        indexed.forEach((hash, found) -> {
            for (IdLedger.Candidate c : found) {
                if (!discarded.contains(c.fileId())) {
                    candidates.computeIfAbsent(hash, k -> new ArrayList<>()).add(c);
                }
            }
        });
        List<Rejected> rejected = new ArrayList<>(block.rejected());
        Map<String, CheckedBlock.Repeats> repeats = new TreeMap<>();
        IdLedger.BlockBuilder ids = new IdLedger.BlockBuilder(block.fileId());
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
            int ofEarlierNights = earlier.size();
            tonight(hash, earlier);
            boolean repeat = false;
            boolean repeatOfEarlierNight = false;
            int duplicateAt = -1;
            IdLedger.Candidate duplicateOf = null;
            if (!earlier.isEmpty() && records == null) {
                long reading = System.nanoTime();
                records = blockRecords.read(block);
                reread++;
                rereadNanos += System.nanoTime() - reading;
            }
            ConsumptionRecord r = records == null ? null : records.get(i);
            for (int k = 0; k < earlier.size(); k++) {
                boolean same = earlier.get(k).fingerprint() == fingerprint;
                repeat |= same;
                repeatOfEarlierNight |= same && k < ofEarlierNights;
            }
            for (int k = 0; k < earlier.size() && !repeat && duplicateOf == null; k++) {
                if (sameId(r.id(), earlier.get(k))) {
                    duplicateOf = earlier.get(k);
                    duplicateAt = k;
                }
            }
            if (!repeat && duplicateOf == null) {
                // a new id (or a hash shared by two ids: a new record after all, kept beside the other)
                ids.add(hash, fingerprint, line, !earlier.isEmpty());
                night.add(hash, fingerprint, RecordIdIndex.location(block.fileId(), line));
                ingested++;
                if (fresh != null) {
                    fresh.add(records.get(i));
                }
                continue;
            }
            if (fresh == null) {
                fresh = new ArrayList<>(records.subList(0, i));
            }
            // what rests on an id of this night is kept in the block: the night's indexing judges it again, should
            // another partition of the night have brought the same id earlier in file order
            if (repeat && !repeatOfEarlierNight) {
                ids.add(hash, fingerprint, line, false, IdLedger.NIGHT_REPEAT);
            } else if (!repeat && duplicateAt >= ofEarlierNights) {
                ids.add(hash, fingerprint, line, false, IdLedger.NIGHT_DUPLICATE);
            }
            if (repeat) {
                CheckedBlock.Repeats tally = repeats.computeIfAbsent(r.period(), k -> new CheckedBlock.Repeats());
                tally.records++;
                tally.payment = tally.payment.add(r.paymentAmount());
                repeated++;
            } else {
                long earlierFile = duplicateOf.fileId();
                String where = fileNames.getOrDefault(earlierFile, "file #" + earlierFile);
                rejected.add(new Rejected(r.fileId(), r.lineNumber(), RejectReason.DUPLICATE_ID,
                        duplicateMessage(r.id(), where, duplicateOf.line()), r.rawLine(), r.period(), r.paymentAmount()));
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

    /**
     * The ids this check's files stored in an earlier attempt of the night (a restart): not indexed before the night's
     * ingest is done, they are held with the night's as the failed attempt held them.
     */
    private void holdStoredTonight() {
        for (long fileId : ownFiles) {
            jdbc.query("SELECT entries FROM ingested_id_block WHERE file_id = ? AND indexed = FALSE", rs -> {
                java.nio.ByteBuffer entries = java.nio.ByteBuffer.wrap(rs.getBytes(1));
                while (entries.remaining() >= IdLedger.ENTRY_BYTES) {
                    long hash = entries.getLong();
                    long fingerprint = entries.getLong();
                    int line = entries.getInt();
                    if (IdLedger.kindOf(line) == IdLedger.ID) {
                        night.add(hash, fingerprint, RecordIdIndex.location(fileId, IdLedger.lineOf(line)));
                    }
                }
            }, fileId);
        }
    }

    /** The reason a record with an id ingested before, with other content, is rejected. */
    static String duplicateMessage(String id, String earlierFile, long earlierLine) {
        return "id " + id + " was already ingested with different content (" + earlierFile + " line " + earlierLine + ")";
    }

    /** The ids of this night with {@code hash}, of files not taken back, as candidates. */
    private void tonight(long hash, List<IdLedger.Candidate> into) {
        for (int slot = night.next(hash, -1); slot >= 0; slot = night.next(hash, slot + 1)) {
            long location = night.location(slot);
            long fileId = RecordIdIndex.fileOf(location);
            if (!discarded.contains(fileId)) {
                into.add(new IdLedger.Candidate(night.fingerprint(slot), fileId, RecordIdIndex.lineOf(location)));
            }
        }
    }

    /** Forgets the ids of a file that changed while it was read: the files after it are checked as if it had not been. */
    void discard(long fileId) {
        discarded.add(fileId);
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

    /**
     * The workspace's filter of the index, brought up to date; none (every id probed) when it is set to 0 or its file
     * cannot be had — slower, never other answers.
     */
    private IdFilter openFilter() {
        if (filterLog2Bits == 0) {
            return null;
        }
        try {
            IdFilter opened = IdFilter.synced(jdbc, filterFile, filterLog2Bits);
            log.info("id filter {}: {}", filterFile, opened.describe());
            return opened;
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("id filter {} cannot be used ({}): every id is probed in the database", filterFile, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        if (checked > 0 && night != null) {
            log.info("id check: {} ids checked against the id ledger, {} of them probed in the database (the others not "
                    + "in its filter), in {} ms; {} new ids of the night held; {} blocks with repeats or duplicates read "
                    + "again in {} ms; lookups on {} connection(s)", checked, probed, probeNanos / 1_000_000, night.size(),
                    reread, rereadNanos / 1_000_000, probes == null ? 0 : probes.ways());
        }
        if (filter != null) {
            filter.close();
            filter = null;
        }
        if (probes != null) {
            probes.close();
            probes = null;
        }
        night = null; // the night's ids are in the database by the next step: their room goes now
        earlierLines.close();
    }
}

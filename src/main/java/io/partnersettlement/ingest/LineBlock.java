package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;

/**
 * Consecutive lines of one inbox file, parsed and validated on a reading thread: the item of the ingest step. The
 * accepted records come already summed per {@link FactKey}, as if every one were new, and are otherwise reduced to
 * what the id ledger needs (id hash, fingerprint, line): the rare block holding a repeat or a duplicate is parsed again
 * from its file by the writer ({@link #firstLine} and {@link #lines} say where).
 *
 * @param firstLine the first line of the block (a record may span several physical lines)
 * @param lines     lines of the block (records and rejected lines)
 * @param nextLine  the line just after the block: where reading resumes once the block is committed
 * @param bytesRead bytes of the file read so far (progress)
 */
record LineBlock(long fileId, String fileName, long firstLine, int lines, long nextLine, long bytesRead, long[] idHashes,
        long[] fingerprints, int[] recordLines, List<Rejected> rejected, Map<FactKey, FactSums> facts,
        Set<String> periods) {

    /** Collects the parsed lines of a block. */
    static final class Builder {
        private final long fileId;
        private final String fileName;
        private final Set<String> orderBillTypes;
        private final CanonicalValues canonical;
        private final List<Rejected> rejected = new ArrayList<>();
        private final Map<FactKey, FactSums> facts = new HashMap<>();
        private final Set<String> periods = new TreeSet<>();
        private long[] hashes;
        private long[] fingerprints;
        private int[] recordLines;
        private int records;
        private long firstLine = -1;
        private int lines;

        /**
         * @param canonical the reading thread's shared instances of repeated key values: a block keeps tens of
         *                  thousands of keys until it is written, each otherwise with strings of its own
         * @param capacity  lines of the block at most
         */
        Builder(long fileId, String fileName, Set<String> orderBillTypes, CanonicalValues canonical, int capacity) {
            this.fileId = fileId;
            this.canonical = canonical;
            this.fileName = fileName;
            this.orderBillTypes = orderBillTypes;
            int initial = Math.min(capacity, 4096);
            hashes = new long[initial];
            fingerprints = new long[initial];
            recordLines = new int[initial];
        }

        void add(long lineNumber, ParsedLine line) {
            if (firstLine < 0) {
                firstLine = lineNumber;
            }
            lines++;
            if (line instanceof Accepted a) {
                ConsumptionRecord r = a.record();
                if (records == hashes.length) {
                    int n = Math.max(16, records * 2);
                    hashes = java.util.Arrays.copyOf(hashes, n);
                    fingerprints = java.util.Arrays.copyOf(fingerprints, n);
                    recordLines = java.util.Arrays.copyOf(recordLines, n);
                }
                hashes[records] = RecordIdIndex.hash(r.id());
                fingerprints[records] = r.fingerprint();
                recordLines[records] = Math.toIntExact(r.lineNumber());
                records++;
                periods.add(r.period());
                FactKey key = FactKey.of(r, orderBillTypes);
                FactSums sums = facts.get(key);
                if (sums == null) {
                    sums = new FactSums();
                    facts.put(canonical.of(key), sums);
                }
                sums.add(r);
            } else {
                Rejected r = (Rejected) line;
                rejected.add(r);
                if (r.period() != null) {
                    periods.add(r.period());
                }
            }
        }

        int lines() {
            return lines;
        }

        LineBlock build(long nextLine, long bytesRead) {
            return new LineBlock(fileId, fileName, firstLine, lines, nextLine, bytesRead,
                    java.util.Arrays.copyOf(hashes, records), java.util.Arrays.copyOf(fingerprints, records),
                    java.util.Arrays.copyOf(recordLines, records), rejected, facts, periods);
        }
    }
}

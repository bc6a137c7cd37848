package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.Arrays;
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
 * @param fromLine  where reading stood when the block began (the line after the previous block, 1 for a file's first
 *                  block: its header): the block spans the physical lines {@code fromLine} to {@code nextLine - 1}
 * @param nextLine  the line just after the block: where reading resumes once the block is committed
 * @param bytesRead bytes of the file read so far (progress)
 */
record LineBlock(long fileId, String fileName, long firstLine, int lines, long fromLine, long nextLine, long bytesRead, long[] idHashes,
        long[] fingerprints, int[] recordLines, List<Rejected> rejected, Map<FactKey, FactSums> facts,
        Set<String> periods) {

    /**
     * Characters a block may keep (rejected lines with their messages, the values of its settlement keys) before it is
     * handed over, whatever its lines: a file of long bad lines must not need gigabytes of chunks in flight.
     */
    static final long MAX_KEPT_CHARS = 8L << 20;
    /**
     * Characters of the lines a block may span: a block holding a repeat is read again whole, records and raw lines, so
     * this bounds that too. Far above what a chunk of ordinary records spans (200,000 lines of a few hundred bytes).
     */
    static final long MAX_LINE_CHARS = 96L << 20;

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
        private long keptChars;
        private long lineChars;

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

        /** @param chars the length of the line's text */
        void add(long lineNumber, int chars, ParsedLine line) {
            if (firstLine < 0) {
                firstLine = lineNumber;
            }
            lines++;
            lineChars += chars;
            if (line instanceof Accepted a) {
                ConsumptionRecord r = a.record();
                if (records == hashes.length) {
                    int n = Math.max(16, records * 2);
                    hashes = Arrays.copyOf(hashes, n);
                    fingerprints = Arrays.copyOf(fingerprints, n);
                    recordLines = Arrays.copyOf(recordLines, n);
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
                    keptChars += key.customerId().length() + key.serviceTypeCode().length() + key.orderId().length()
                            + key.billType().length() + 64;
                }
                sums.add(r);
            } else {
                Rejected r = (Rejected) line;
                rejected.add(r);
                keptChars += (r.rawLine() == null ? 0 : r.rawLine().length()) + r.message().length() + 64;
                if (r.period() != null) {
                    periods.add(r.period());
                }
            }
        }

        int lines() {
            return lines;
        }

        /** True when the block holds as much text as a block may: it is handed over whatever its lines. */
        boolean full() {
            return keptChars >= MAX_KEPT_CHARS || lineChars >= MAX_LINE_CHARS;
        }

        LineBlock build(long fromLine, long nextLine, long bytesRead) {
            return new LineBlock(fileId, fileName, firstLine, lines, fromLine, nextLine, bytesRead,
                    Arrays.copyOf(hashes, records), Arrays.copyOf(fingerprints, records),
                    Arrays.copyOf(recordLines, records), rejected, facts, periods);
        }
    }
}

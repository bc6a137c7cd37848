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
 * accepted records come already summed per {@link FactKey} (as if every one were new: the writer sums again only the
 * rare block that holds a repeat), with the 64-bit hashes of their ids.
 *
 * @param nextLine  the line just after the block: where reading resumes once the block is committed
 * @param bytesRead bytes of the file read so far (progress)
 */
record LineBlock(long fileId, String fileName, int lines, long nextLine, long bytesRead, List<ConsumptionRecord> accepted,
        long[] idHashes, List<Rejected> rejected, Map<FactKey, FactSums> facts, Set<String> periods) {

    /** Collects the parsed lines of a block. */
    static final class Builder {
        private final long fileId;
        private final String fileName;
        private final Set<String> orderBillTypes;
        private final List<ConsumptionRecord> accepted = new ArrayList<>();
        private final List<Rejected> rejected = new ArrayList<>();
        private final Map<FactKey, FactSums> facts = new HashMap<>();
        private final Set<String> periods = new TreeSet<>();
        private int lines;

        Builder(long fileId, String fileName, Set<String> orderBillTypes) {
            this.fileId = fileId;
            this.fileName = fileName;
            this.orderBillTypes = orderBillTypes;
        }

        void add(ParsedLine line) {
            lines++;
            if (line instanceof Accepted a) {
                ConsumptionRecord r = a.record();
                accepted.add(r);
                periods.add(r.period());
                facts.computeIfAbsent(FactKey.of(r, orderBillTypes), k -> new FactSums()).add(r);
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
            long[] hashes = new long[accepted.size()];
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = RecordIdIndex.hash(accepted.get(i).id());
            }
            return new LineBlock(fileId, fileName, lines, nextLine, bytesRead, accepted, hashes, rejected, facts, periods);
        }
    }
}

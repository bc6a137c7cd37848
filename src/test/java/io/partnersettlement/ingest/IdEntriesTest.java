package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The entries' own sort, gated against the library's sort of the same entries. */
class IdEntriesTest {

    record Entry(long hash, long fingerprint, long fileId, int line, boolean shared, int kind) {
    }

    @Test
    void sortsByHashThenFileAndLineAsTheLibrarySortDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {0, 1, 2, 15, 16, 17, 1_000, 100_000}) {
            IdEntries entries = new IdEntries(4);
            List<Entry> expected = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                // few distinct hashes at small sizes: ties broken by file and line; negative hashes sort first; files
                // as the fact keys bound them (2^20), lines below 2^28
                long hash = size < 2_000 ? random.nextLong(-20, 20) : random.nextLong();
                Entry e = new Entry(hash, random.nextLong(), random.nextLong(1, 1L << io.partnersettlement.consumption.FactKeys.FILE_BITS),
                        random.nextInt(1, 1 << 27),
                        random.nextInt(10) == 0, random.nextInt(3));
                // the kind (an id, a repeat or a duplicate of the night) is carried, never sorted by
                entries.add(e.hash(), e.fingerprint(), e.fileId(), e.line(), e.shared(), e.kind());
                expected.add(e);
            }
            entries.sort();
            expected.sort(Comparator.comparingLong(Entry::hash).thenComparingLong(Entry::fileId)
                    .thenComparingInt(Entry::line));
            List<Entry> sorted = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                sorted.add(new Entry(entries.hash(i), entries.fingerprint(i), entries.fileId(i), entries.line(i),
                        entries.shared(i), entries.kind(i)));
            }
            assertThat(sorted).as("%d entries", size).isEqualTo(expected);
        }
    }

    @Test
    void aLineKeepsItsMarkApart() {
        int marked = 123_456 | IdLedger.SHARED_HASH;
        assertThat(IdLedger.lineOf(marked)).isEqualTo(123_456);
        assertThat(IdLedger.lineOf(123_456)).isEqualTo(123_456);
    }
}

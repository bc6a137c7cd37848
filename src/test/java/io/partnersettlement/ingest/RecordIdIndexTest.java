package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordIdIndexTest {

    @Test
    void findsEveryIdAfterGrowingFarBeyondItsFirstSize() {
        RecordIdIndex index = new RecordIdIndex(10);
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            index.add(RecordIdIndex.hash("BD" + i), i * 31L, RecordIdIndex.location(i % 7 + 1, i + 2));
        }
        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 997) {
            int slot = index.next(RecordIdIndex.hash("BD" + i), -1);
            assertThat(slot).isNotNegative();
            assertThat(index.fingerprint(slot)).isEqualTo(i * 31L);
            assertThat(RecordIdIndex.fileOf(index.location(slot))).isEqualTo(i % 7 + 1);
            assertThat(RecordIdIndex.lineOf(index.location(slot))).isEqualTo(i + 2);
            assertThat(index.next(RecordIdIndex.hash("BD" + i), slot + 1)).isNegative();
        }
        assertThat(index.next(RecordIdIndex.hash("not there"), -1)).isNegative();
    }

    @Test
    void keepsEveryEntryOfASharedHash() {
        // two ids whose hashes collide are two entries: the caller walks both and tells them apart
        RecordIdIndex index = new RecordIdIndex(4);
        index.add(42, 1, RecordIdIndex.location(1, 10));
        index.add(42, 2, RecordIdIndex.location(2, 20));
        index.add(43, 3, RecordIdIndex.location(3, 30));
        int first = index.next(42, -1);
        int second = index.next(42, first + 1);
        assertThat(second).isNotNegative();
        assertThat(index.next(42, second + 1)).isNegative();
        assertThat(new long[] {index.fingerprint(first), index.fingerprint(second)}).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aHashIsNeverTheEmptyMarker() {
        assertThat(RecordIdIndex.hash("")).isNotZero();
        assertThat(RecordIdIndex.hash("BD20260901000000000001")).isNotEqualTo(RecordIdIndex.hash("BD20260901000000000002"));
    }
}

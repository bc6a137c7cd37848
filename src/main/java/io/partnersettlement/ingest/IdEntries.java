package io.partnersettlement.ingest;

import java.util.Arrays;

/**
 * Id ledger entries being indexed: per id its hash, its content fingerprint and where it was read, three longs in one
 * array (a million entries take 24 MB, no object each), sorted in place by hash and then by file and line. The order
 * of ids sharing a hash is thus the order they were read in, whatever order the blocks come in.
 */
final class IdEntries {

    private static final long MARK = Long.MIN_VALUE;
    /** An entry's kind ({@link IdLedger#ID}, {@link IdLedger#NIGHT_REPEAT}, {@link IdLedger#NIGHT_DUPLICATE}), above its location. */
    private static final int KIND_SHIFT = 56;
    private static final long LOCATION = (1L << 48) - 1;
    private static final int INSERTION_SORT_BELOW = 16;

    private long[] values;
    private int size;

    IdEntries(int expected) {
        values = new long[Math.max(16, expected) * 3];
    }

    void add(long hash, long fingerprint, long fileId, long line, boolean sharedHash) {
        add(hash, fingerprint, fileId, line, sharedHash, IdLedger.ID);
    }

    void add(long hash, long fingerprint, long fileId, long line, boolean sharedHash, int kind) {
        if (size * 3 == values.length) {
            values = Arrays.copyOf(values, Math.min(Integer.MAX_VALUE - 8, values.length + values.length / 2 + 3) / 3 * 3);
        }
        values[size * 3] = hash;
        values[size * 3 + 1] = fingerprint;
        values[size * 3 + 2] = RecordIdIndex.location(fileId, line) | (long) kind << KIND_SHIFT | (sharedHash ? MARK : 0);
        size++;
    }

    int size() {
        return size;
    }

    long hash(int i) {
        return values[i * 3];
    }

    long fingerprint(int i) {
        return values[i * 3 + 1];
    }

    long fileId(int i) {
        return RecordIdIndex.fileOf(values[i * 3 + 2] & LOCATION);
    }

    int line(int i) {
        return (int) RecordIdIndex.lineOf(values[i * 3 + 2] & LOCATION);
    }

    /** What the entry is: an id, or a line the check took as a repeat or duplicate of an id of the same night. */
    int kind(int i) {
        return (int) (values[i * 3 + 2] >>> KIND_SHIFT) & 3;
    }

    void setKind(int i, int kind) {
        values[i * 3 + 2] = values[i * 3 + 2] & ~(3L << KIND_SHIFT) | (long) kind << KIND_SHIFT;
    }

    /** Whether the entry is marked as sharing its hash with an id checked before it. */
    boolean shared(int i) {
        return values[i * 3 + 2] < 0;
    }

    /** Marks the entry as sharing its hash with an id read before it. */
    void markShared(int i) {
        values[i * 3 + 2] |= MARK;
    }

    /** Sorts by hash (signed, as the database orders BIGINT), then by file and line. */
    void sort() {
        sort(0, size - 1);
    }

    private void sort(int low, int high) {
        while (high - low >= INSERTION_SORT_BELOW) {
            int middle = (low + high) >>> 1;
            // median of three as the pivot, moved to high
            if (less(middle, low)) {
                swap(middle, low);
            }
            if (less(high, low)) {
                swap(high, low);
            }
            if (less(middle, high)) {
                swap(middle, high);
            }
            int store = low;
            for (int i = low; i < high; i++) {
                if (less(i, high)) {
                    swap(i, store++);
                }
            }
            swap(store, high);
            // the smaller side recursively, the larger in the loop: the stack stays logarithmic
            if (store - low < high - store) {
                sort(low, store - 1);
                low = store + 1;
            } else {
                sort(store + 1, high);
                high = store - 1;
            }
        }
        for (int i = low + 1; i <= high; i++) {
            for (int j = i; j > low && less(j, j - 1); j--) {
                swap(j, j - 1);
            }
        }
    }

    private boolean less(int a, int b) {
        long ha = values[a * 3];
        long hb = values[b * 3];
        if (ha != hb) {
            return ha < hb;
        }
        return (values[a * 3 + 2] & LOCATION) < (values[b * 3 + 2] & LOCATION);
    }

    private void swap(int a, int b) {
        for (int k = 0; k < 3; k++) {
            long t = values[a * 3 + k];
            values[a * 3 + k] = values[b * 3 + k];
            values[b * 3 + k] = t;
        }
    }
}

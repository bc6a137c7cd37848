package io.partnersettlement.ingest;

import io.partnersettlement.consumption.FactKeys;

/**
 * The new record ids of one night, held by the check until the night's ingest is done and its ids are indexed in the
 * database ({@link IdLedger}): per id a 64-bit hash of the id, the record's content fingerprint and where it was
 * read ({@code file_id << 28 | line}). Open addressing over one {@code long[]} (three longs a slot, so a probe touches
 * one cache line), linear probing, sized at 7/10 full for the ids expected and grown by half past 9/10 full. Distinct
 * ids may share a hash: a slot is never replaced, and {@link #next} walks every slot of a hash, so a hash match is a
 * candidate that the caller confirms.
 */
final class RecordIdIndex {

    private static final int MIN_CAPACITY = 1 << 10;
    private static final long EMPTY = 0;

    private long[] slots;
    private int capacity;
    private int size;

    RecordIdIndex(long expected) {
        allocate(capacityFor(expected));
    }

    /** The 64-bit hash of a record id (never 0, which marks an empty slot). */
    static long hash(String id) {
        long h = 0xCBF29CE484222325L ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    static long location(long fileId, long line) {
        return fileId << FactKeys.LINE_BITS | line;
    }

    static long fileOf(long location) {
        return location >>> FactKeys.LINE_BITS;
    }

    static long lineOf(long location) {
        return location & ((1L << FactKeys.LINE_BITS) - 1);
    }

    int size() {
        return size;
    }

    void add(long hash, long fingerprint, long location) {
        if (size + 1 > capacity - capacity / 10) {
            grow();
        }
        put(hash, fingerprint, location);
        size++;
    }

    /**
     * The first slot at or after {@code from} (a slot from a previous call plus one, or -1 to start) holding
     * {@code hash}, or -1 when there is none.
     */
    int next(long hash, int from) {
        int i = from < 0 ? home(hash) : from % capacity;
        while (true) {
            long key = slots[i * 3];
            if (key == EMPTY) {
                return -1;
            }
            if (key == hash) {
                return i;
            }
            i = i + 1 == capacity ? 0 : i + 1;
        }
    }

    long fingerprint(int slot) {
        return slots[slot * 3 + 1];
    }

    long location(int slot) {
        return slots[slot * 3 + 2];
    }

    private void put(long hash, long fingerprint, long location) {
        int i = home(hash);
        while (slots[i * 3] != EMPTY) {
            i = i + 1 == capacity ? 0 : i + 1;
        }
        slots[i * 3] = hash;
        slots[i * 3 + 1] = fingerprint;
        slots[i * 3 + 2] = location;
    }

    /** The slot a hash starts probing at: its top 32 bits scaled to the capacity (a multiply, not a division). */
    private int home(long hash) {
        return (int) (((hash >>> 32) * capacity) >>> 32);
    }

    private void grow() {
        long[] old = slots;
        allocate((int) Math.min((long) capacity + capacity / 2, Integer.MAX_VALUE / 3));
        for (int i = 0; i < old.length; i += 3) {
            if (old[i] != EMPTY) {
                put(old[i], old[i + 1], old[i + 2]);
            }
        }
    }

    private void allocate(int slotCount) {
        if (slotCount <= size) {
            throw new IllegalStateException("the record id index cannot hold more than " + size + " ids");
        }
        capacity = slotCount;
        slots = new long[slotCount * 3];
    }

    private static int capacityFor(long expected) {
        long wanted = Math.max(MIN_CAPACITY, expected * 10 / 7 + 1);
        return (int) Math.min(wanted, Integer.MAX_VALUE / 3);
    }
}

package io.partnersettlement.ingest;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger of every record id ever ingested, with a fingerprint of its content: what tells a harmless repeat from a
 * {@code DUPLICATE_ID}. Stored as one {@code ingested_id_block} row per file and chunk, committed with the chunk's
 * consumption: the ids' 64-bit hashes, fingerprints and line numbers packed in {@value #ENTRY_BYTES}-byte entries (the
 * ids themselves, like every other column, stay in the archived files). Ids ingested before blocks existed stay in
 * {@code ingested_record}, one row each. A run loads both into a {@link RecordIdIndex}.
 */
public final class IdLedger {

    static final int ENTRY_BYTES = 20;
    private static final int PAGE = 64;
    private static final int LEGACY_PAGE = 10_000;

    private IdLedger() {
    }

    /** Packs entries for {@code ingested_id_block.entries}. */
    static final class BlockBuilder {
        final long fileId;
        long firstLine = Long.MAX_VALUE;
        private ByteBuffer entries = ByteBuffer.allocate(ENTRY_BYTES * 1024);
        int count;

        BlockBuilder(long fileId) {
            this.fileId = fileId;
        }

        void add(long hash, long fingerprint, long line) {
            if (entries.remaining() < ENTRY_BYTES) {
                entries = ByteBuffer.allocate(entries.capacity() * 2).put(entries.flip());
            }
            entries.putLong(hash).putLong(fingerprint).putInt((int) line);
            firstLine = Math.min(firstLine, line);
            count++;
        }

        byte[] bytes() {
            byte[] bytes = new byte[entries.position()];
            entries.duplicate().flip().get(bytes);
            return bytes;
        }
    }

    static void insert(JdbcTemplate jdbc, Collection<BlockBuilder> blocks) {
        jdbc.batchUpdate("INSERT INTO ingested_id_block (file_id, first_line, id_count, entries) VALUES (?, ?, ?, ?)",
                blocks.stream().filter(b -> b.count > 0).toList(), blocks.size() + 1, (ps, b) -> {
                    ps.setLong(1, b.fileId);
                    ps.setLong(2, b.firstLine);
                    ps.setInt(3, b.count);
                    ps.setBytes(4, b.bytes());
                });
    }

    /** Ids in the ledger. */
    public static long count(JdbcTemplate jdbc) {
        Long blocks = jdbc.queryForObject("SELECT COALESCE(SUM(id_count), 0) FROM ingested_id_block", Long.class);
        Long legacy = jdbc.queryForObject("SELECT COUNT(*) FROM ingested_record", Long.class);
        return (blocks == null ? 0 : blocks) + (legacy == null ? 0 : legacy);
    }

    /** Loads every id of the ledger into an index with room for {@code expectedNew} more. */
    static RecordIdIndex load(JdbcTemplate jdbc, long expectedNew) {
        RecordIdIndex index = new RecordIdIndex(count(jdbc) + expectedNew);
        forEachBlockEntry(jdbc, (fileId, hash, fingerprint, line) -> index.add(hash, fingerprint,
                RecordIdIndex.location(fileId, line)));
        String after = "";
        while (true) {
            int[] rows = {0};
            String[] last = {after};
            jdbc.query("""
                    SELECT record_id, fingerprint, file_id, line_number FROM ingested_record
                     WHERE record_id > ? ORDER BY record_id FETCH FIRST %d ROWS ONLY""".formatted(LEGACY_PAGE), rs -> {
                index.add(RecordIdIndex.hash(rs.getString(1)), rs.getLong(2), RecordIdIndex.location(rs.getLong(3),
                        rs.getLong(4)));
                last[0] = rs.getString(1);
                rows[0]++;
            }, after);
            if (rows[0] < LEGACY_PAGE) {
                return index;
            }
            after = last[0];
        }
    }

    /** Where a record was ingested: its file and line. */
    public record Location(long fileId, long line) {
    }

    /**
     * Where each of {@code ids} was ingested (ids not in the ledger are left out). Reads the whole ledger: for tests and
     * investigations, not for the nightly path.
     */
    public static Map<String, Location> locate(JdbcTemplate jdbc, Collection<String> ids) {
        Map<Long, String> byHash = new HashMap<>();
        ids.forEach(id -> byHash.put(RecordIdIndex.hash(id), id));
        Map<String, Location> found = new TreeMap<>();
        forEachBlockEntry(jdbc, (fileId, hash, fingerprint, line) -> {
            String id = byHash.get(hash);
            if (id != null) {
                found.put(id, new Location(fileId, line));
            }
        });
        for (String id : ids) {
            jdbc.query("SELECT file_id, line_number FROM ingested_record WHERE record_id = ?",
                    rs -> {
                        found.put(id, new Location(rs.getLong(1), rs.getLong(2)));
                    }, id);
        }
        return found;
    }

    /**
     * The ids of the records at {@code lines} of an ingested file, read back from the file (in archive/, or still in the
     * inbox); a line that cannot be read back is left out. For naming records in a message, not for the nightly path.
     */
    public static Map<Long, String> idsAt(JdbcTemplate jdbc, io.partnersettlement.workspace.Workspace workspace,
            long fileId, java.util.SortedSet<Long> lines) {
        Map<Long, String> ids = new TreeMap<>();
        try (EarlierLines earlier = new EarlierLines(jdbc, workspace)) {
            for (long line : lines) {
                String id = earlier.idAt(fileId, line);
                if (id != null) {
                    ids.put(line, id);
                }
            }
        }
        return ids;
    }

    private interface EntryConsumer {
        void accept(long fileId, long hash, long fingerprint, long line);
    }

    /** Every block entry, in (file, first line) order, a page of blocks at a time. */
    private static void forEachBlockEntry(JdbcTemplate jdbc, EntryConsumer consumer) {
        long afterFile = -1;
        long afterLine = -1;
        while (true) {
            long[] last = {afterFile, afterLine};
            int[] rows = {0};
            jdbc.query("""
                    SELECT file_id, first_line, entries FROM ingested_id_block
                     WHERE file_id > ? OR (file_id = ? AND first_line > ?)
                     ORDER BY file_id, first_line FETCH FIRST %d ROWS ONLY""".formatted(PAGE), rs -> {
                long fileId = rs.getLong(1);
                ByteBuffer entries = ByteBuffer.wrap(rs.getBytes(3));
                while (entries.remaining() >= ENTRY_BYTES) {
                    consumer.accept(fileId, entries.getLong(), entries.getLong(), entries.getInt());
                }
                last[0] = fileId;
                last[1] = rs.getLong(2);
                rows[0]++;
            }, afterFile, afterFile, afterLine);
            if (rows[0] < PAGE) {
                return;
            }
            afterFile = last[0];
            afterLine = last[1];
        }
    }
}

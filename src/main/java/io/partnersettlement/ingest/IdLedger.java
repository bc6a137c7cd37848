package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.workspace.Workspace;

/**
 * The ledger of every record id ever ingested, with a fingerprint of its content: what tells a harmless repeat from a
 * {@code DUPLICATE_ID}. It lives in the database, in two forms written in the chunk's transaction with its consumption:
 * <ul>
 * <li>{@code ingested_id_block}, one row per file and chunk: the ids' 64-bit hashes, fingerprints and line numbers
 * packed in {@value #ENTRY_BYTES}-byte entries, the record of what a file brought (taken back whole with it);</li>
 * <li>{@code id_ledger}, one row per id keyed by its hash: the index a night's ids are probed against, a block of a
 * chunk at a time ({@link #probe}), so no run holds more than the blocks in flight, whatever the history.</li>
 * </ul>
 * Two distinct ids sharing a hash are both kept: the second in {@code id_ledger_shared_hash}, probed with the first.
 * The ids themselves, like every other column, stay in the archived files.
 */
public final class IdLedger {

    static final int ENTRY_BYTES = 20;
    /** Hashes per probe: one array parameter (H2 takes arrays of at most 65,536 elements). */
    private static final int PROBE_SLICE = 50_000;
    private static final int LEGACY_PAGE = 10_000;

    private IdLedger() {
    }

    /**
     * The new ids of one block, packed for {@code ingested_id_block.entries} and indexed in memory while the block is
     * checked and until its chunk commits: the ids checked ahead of the writer are found here, the committed ones in
     * the database.
     */
    static final class BlockBuilder {
        final long fileId;
        long firstLine = Long.MAX_VALUE;
        private ByteBuffer entries = ByteBuffer.allocate(ENTRY_BYTES * 1024);
        private final RecordIdIndex index;
        /** Entries whose hash another id holds: {@code [hash, fingerprint, line]} each. */
        final List<long[]> shared = new ArrayList<>(0);
        int count;
        /** Set once the chunk that stored the block has committed: its ids are then in the database. */
        volatile boolean committed;

        BlockBuilder(long fileId) {
            this(fileId, 0);
        }

        BlockBuilder(long fileId, int expected) {
            this.fileId = fileId;
            this.index = new RecordIdIndex(expected);
        }

        void add(long hash, long fingerprint, long line, boolean sharedHash) {
            if (entries.remaining() < ENTRY_BYTES) {
                entries = ByteBuffer.allocate(entries.capacity() * 2).put(entries.flip());
            }
            entries.putLong(hash).putLong(fingerprint).putInt((int) line);
            index.add(hash, fingerprint, RecordIdIndex.location(fileId, line));
            if (sharedHash) {
                shared.add(new long[] {hash, fingerprint, line});
            }
            firstLine = Math.min(firstLine, line);
            count++;
        }

        /** The ids of this block with {@code hash}, as candidates. */
        void find(long hash, List<Candidate> into) {
            for (int slot = index.next(hash, -1); slot >= 0; slot = index.next(hash, slot + 1)) {
                long location = index.location(slot);
                into.add(new Candidate(index.fingerprint(slot), RecordIdIndex.fileOf(location),
                        RecordIdIndex.lineOf(location)));
            }
        }

        byte[] bytes() {
            byte[] bytes = new byte[entries.position()];
            entries.duplicate().flip().get(bytes);
            return bytes;
        }
    }

    /** An id of the ledger that shares a hash with an id being checked: its content fingerprint and where it was read. */
    record Candidate(long fingerprint, long fileId, long line) {
    }

    /**
     * Stores blocks in the caller's transaction: the packed row and the index rows (PostgreSQL: one {@code COPY} per
     * block; H2: one batch), in hash order.
     */
    static void insert(JdbcTemplate jdbc, Collection<BlockBuilder> blocks) {
        List<BlockBuilder> stored = blocks.stream().filter(b -> b.count > 0).toList();
        jdbc.batchUpdate("""
                INSERT INTO ingested_id_block (file_id, first_line, id_count, entries, indexed)
                VALUES (?, ?, ?, ?, TRUE)""", stored, stored.size() + 1, (ps, b) -> {
            ps.setLong(1, b.fileId);
            ps.setLong(2, b.firstLine);
            ps.setInt(3, b.count);
            ps.setBytes(4, b.bytes());
        });
        for (BlockBuilder b : stored) {
            index(jdbc, b.fileId, b.bytes(), b.shared);
        }
    }

    /** Writes the index rows of a block's entries; {@code shared} are those whose hash another id holds. */
    private static void index(JdbcTemplate jdbc, long fileId, byte[] packed, List<long[]> shared) {
        int n = packed.length / ENTRY_BYTES;
        ByteBuffer entries = ByteBuffer.wrap(packed);
        long[][] rows = new long[n][];
        Set<Long> sharedLines = new HashSet<>();
        shared.forEach(s -> sharedLines.add(s[2]));
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long[] row = {entries.getLong(), entries.getLong(), entries.getInt()};
            if (!sharedLines.contains(row[2])) {
                rows[kept++] = row;
            }
        }
        long[][] sorted = Arrays.copyOf(rows, kept);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        boolean copied = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> copy(c, fileId, sorted)));
        if (!copied) {
            jdbc.batchUpdate("INSERT INTO id_ledger (id_hash, fingerprint, file_id, line_number) VALUES (?, ?, ?, ?)",
                    Arrays.asList(sorted), 10_000, (ps, row) -> {
                        ps.setLong(1, row[0]);
                        ps.setLong(2, row[1]);
                        ps.setLong(3, fileId);
                        ps.setInt(4, (int) row[2]);
                    });
        }
        jdbc.batchUpdate("""
                INSERT INTO id_ledger_shared_hash (id_hash, fingerprint, file_id, line_number) VALUES (?, ?, ?, ?)""",
                shared, shared.size() + 1, (ps, row) -> {
                    ps.setLong(1, row[0]);
                    ps.setLong(2, row[1]);
                    ps.setLong(3, fileId);
                    ps.setInt(4, (int) row[2]);
                });
    }

    /** PostgreSQL's bulk path for the index rows, on the transaction's connection; {@code false} on another database. */
    private static boolean copy(Connection connection, long fileId, long[][] rows) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return false;
        }
        StringBuilder text = new StringBuilder(rows.length * 48);
        String file = "\t" + fileId + "\t";
        for (long[] row : rows) {
            text.append(row[0]).append('\t').append(row[1]).append(file).append(row[2]).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY id_ledger (id_hash, fingerprint, file_id, line_number) FROM STDIN", new StringReader(
                            text.toString()));
        } catch (IOException e) {
            throw new SQLException("copying the id ledger's rows failed: " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * The ids of the ledger with one of {@code hashes}, by hash: a probe of the index per slice of hashes (an
     * index lookup each, on both databases), the committed ledger only.
     */
    static Map<Long, List<Candidate>> probe(JdbcTemplate jdbc, long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        Map<Long, List<Candidate>> found = new HashMap<>();
        for (int from = 0; from < sorted.length; from += PROBE_SLICE) {
            Long[] slice = new Long[Math.min(PROBE_SLICE, sorted.length - from)];
            for (int i = 0; i < slice.length; i++) {
                slice[i] = sorted[from + i];
            }
            for (String table : List.of("id_ledger", "id_ledger_shared_hash")) {
                jdbc.query(c -> {
                    PreparedStatement ps = c.prepareStatement("SELECT id_hash, fingerprint, file_id, line_number FROM "
                            + table + " WHERE id_hash = ANY(?)");
                    Array array = c.createArrayOf("BIGINT", slice);
                    ps.setArray(1, array);
                    return ps;
                }, (ResultSet rs) -> {
                    found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>(1)).add(new Candidate(rs.getLong(2),
                            rs.getLong(3), rs.getLong(4)));
                });
            }
        }
        return found;
    }

    /**
     * Brings the index up to the blocks: blocks stored before it existed (and the ids of {@code ingested_record}, from
     * before blocks existed, made blocks first) are indexed, each in a transaction of its own. Once done, a query that
     * finds nothing to do.
     */
    static void catchUp(JdbcTemplate jdbc) {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        for (Long fileId : jdbc.queryForList("SELECT DISTINCT file_id FROM ingested_record ORDER BY file_id", Long.class)) {
            transaction.executeWithoutResult(status -> {
                BlockBuilder block = new BlockBuilder(fileId);
                jdbc.query("SELECT record_id, fingerprint, line_number FROM ingested_record WHERE file_id = ?",
                        rs -> {
                            block.add(RecordIdIndex.hash(rs.getString(1)), rs.getLong(2), rs.getLong(3), false);
                        }, fileId);
                jdbc.update("""
                        INSERT INTO ingested_id_block (file_id, first_line, id_count, entries, indexed)
                        VALUES (?, ?, ?, ?, FALSE)""", fileId, block.firstLine, block.count, block.bytes());
                jdbc.update("DELETE FROM ingested_record WHERE file_id = ?", fileId);
            });
        }
        List<long[]> pending = new ArrayList<>();
        jdbc.query("SELECT file_id, first_line FROM ingested_id_block WHERE indexed = FALSE ORDER BY file_id, first_line",
                rs -> {
                    pending.add(new long[] {rs.getLong(1), rs.getLong(2)});
                });
        for (long[] key : pending) {
            transaction.executeWithoutResult(status -> {
                byte[] packed = jdbc.queryForObject(
                        "SELECT entries FROM ingested_id_block WHERE file_id = ? AND first_line = ?", byte[].class,
                        key[0], key[1]);
                ByteBuffer entries = ByteBuffer.wrap(packed);
                long[] hashes = new long[packed.length / ENTRY_BYTES];
                for (int i = 0; i < hashes.length; i++) {
                    hashes[i] = entries.getLong(i * ENTRY_BYTES);
                }
                // a hash already indexed (or twice in the block) belongs to another id: kept beside it
                Set<Long> taken = new HashSet<>(probe(jdbc, hashes).keySet());
                List<long[]> shared = new ArrayList<>();
                for (int i = 0; i < hashes.length; i++) {
                    if (!taken.add(hashes[i])) {
                        shared.add(new long[] {hashes[i], entries.getLong(i * ENTRY_BYTES + 8),
                                entries.getInt(i * ENTRY_BYTES + 16)});
                    }
                }
                index(jdbc, key[0], packed, shared);
                jdbc.update("UPDATE ingested_id_block SET indexed = TRUE WHERE file_id = ? AND first_line = ?", key[0],
                        key[1]);
            });
        }
    }

    /**
     * Removes every id a file brought, in the caller's transaction: its index rows, found by the hashes of its blocks
     * (no scan of the ledger), and its blocks.
     */
    static void removeFile(JdbcTemplate jdbc, long fileId) {
        List<long[]> keys = new ArrayList<>();
        jdbc.query("SELECT entries FROM ingested_id_block WHERE file_id = ?", rs -> {
            ByteBuffer entries = ByteBuffer.wrap(rs.getBytes(1));
            while (entries.remaining() >= ENTRY_BYTES) {
                long hash = entries.getLong();
                entries.getLong();
                keys.add(new long[] {hash, entries.getInt()});
            }
        }, fileId);
        for (String table : List.of("id_ledger", "id_ledger_shared_hash")) {
            jdbc.batchUpdate("DELETE FROM " + table + " WHERE id_hash = ? AND file_id = ? AND line_number = ?", keys,
                    10_000, (ps, key) -> {
                        ps.setLong(1, key[0]);
                        ps.setLong(2, fileId);
                        ps.setInt(3, (int) key[1]);
                    });
        }
        jdbc.update("DELETE FROM ingested_id_block WHERE file_id = ?", fileId);
        jdbc.update("DELETE FROM ingested_record WHERE file_id = ?", fileId);
    }

    /** Ids in the ledger: a sum over its blocks, one row per chunk. */
    public static long count(JdbcTemplate jdbc) {
        Long blocks = jdbc.queryForObject("SELECT COALESCE(SUM(id_count), 0) FROM ingested_id_block", Long.class);
        Long legacy = jdbc.queryForObject("SELECT COUNT(*) FROM ingested_record", Long.class);
        return (blocks == null ? 0 : blocks) + (legacy == null ? 0 : legacy);
    }

    /** Where a record was ingested: its file and line. */
    public record Location(long fileId, long line) {
    }

    /**
     * Where each of {@code ids} was ingested (ids not in the ledger are left out), by their hashes in the index: for
     * tests and investigations.
     */
    public static Map<String, Location> locate(JdbcTemplate jdbc, Collection<String> ids) {
        Map<String, Location> found = new TreeMap<>();
        for (String id : ids) {
            List<Candidate> candidates = probe(jdbc, new long[] {RecordIdIndex.hash(id)}).get(RecordIdIndex.hash(id));
            if (candidates != null) {
                found.put(id, new Location(candidates.get(0).fileId(), candidates.get(0).line()));
            }
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
    public static Map<Long, String> idsAt(JdbcTemplate jdbc, Workspace workspace,
            long fileId, SortedSet<Long> lines) {
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
}

package io.partnersettlement.ingest;

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
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.workspace.Workspace;

/**
 * The ledger of every record id ever ingested, with a fingerprint of its content: what tells a harmless repeat from a
 * {@code DUPLICATE_ID}. It lives in the database, in two forms:
 * <ul>
 * <li>{@code ingested_id_block}, one row per file and chunk, written in the chunk's transaction with its consumption:
 * the ids' 64-bit hashes, fingerprints and line numbers packed in {@value #ENTRY_BYTES}-byte entries, the record of
 * what a file brought (taken back whole with it). Append-only: one row a chunk, keyed by file and first line;</li>
 * <li>{@code id_ledger}, one row per id keyed by its hash: the index a night's ids are probed against. A night's blocks
 * are indexed once the night's ingest is done ({@link #indexPending}), hash-sorted, so the index's pages are written
 * once a night rather than once a chunk; until then the night's own ids are held by the check ({@link IdCheck}),
 * bounded by the night, never by the history.</li>
 * </ul>
 * A block whose rows are not in the index yet is marked {@code indexed = FALSE}; blocks left so by a night that stopped
 * between its ingest and its indexing are indexed by its restart, or by the next night's indexing, which makes the
 * ids that night took as new after all repeats or duplicates of theirs ({@link NightDuplicates}).
 * Two distinct ids sharing a hash are both kept: the second in {@code id_ledger_shared_hash}, probed with the first.
 * The check marks such an id in its entry (the line's top bit), so indexing needs no probe. The ids themselves, like
 * every other column, stay in the archived files.
 */
public final class IdLedger {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdLedger.class);

    static final int ENTRY_BYTES = 20;
    /** In an entry's line: the id shares its hash with an id checked before it (lines stay below 2^28). */
    static final int SHARED_HASH = 1 << 31;
    /** Kinds of entry: an id the check took as new (the only kind indexed and counted) … */
    static final int ID = 0;
    /**
     * … a line it took as a repeat of an id of the same night, not of an earlier one (an entry's line bit 30) …
     */
    static final int NIGHT_REPEAT = 1;
    /**
     * … or as a duplicate of an id of the same night (bit 29): what the night's indexing judges again when another
     * partition of the night brought the same id ({@link NightDuplicates}).
     */
    static final int NIGHT_DUPLICATE = 2;
    private static final int KIND_SHIFT = 29;
    private static final int LINE_MASK = (1 << 28) - 1;
    /** Hashes per probe: one array parameter (H2 takes arrays of at most 65,536 elements). */
    private static final int PROBE_SLICE = 50_000;
    /** Entries sorted and written at a time while indexing: 24 bytes each in memory. */
    static final int INDEX_PASS_ENTRIES = 4_000_000;

    private IdLedger() {
    }

    /** The line of an entry, without its marks. */
    static int lineOf(int entryLine) {
        return entryLine & LINE_MASK;
    }

    /** The kind of an entry: {@link #ID}, {@link #NIGHT_REPEAT} or {@link #NIGHT_DUPLICATE}. */
    static int kindOf(int entryLine) {
        return (entryLine >>> KIND_SHIFT) & 3;
    }

    /** The lines of a block's ids (not of the repeats and duplicates it keeps). */
    static java.util.TreeSet<Long> idLines(byte[] packed) {
        java.util.TreeSet<Long> lines = new java.util.TreeSet<>();
        ByteBuffer entries = ByteBuffer.wrap(packed);
        while (entries.remaining() >= ENTRY_BYTES) {
            entries.getLong();
            entries.getLong();
            int line = entries.getInt();
            if (kindOf(line) == ID) {
                lines.add((long) lineOf(line));
            }
        }
        return lines;
    }

    /** An entry's line with its marks. */
    static int entryLine(long line, boolean sharedHash, int kind) {
        return (int) line | kind << KIND_SHIFT | (sharedHash ? SHARED_HASH : 0);
    }

    /** The new ids of one block, packed for {@code ingested_id_block.entries}. */
    static final class BlockBuilder {
        final long fileId;
        long firstLine = Long.MAX_VALUE;
        private ByteBuffer entries = ByteBuffer.allocate(ENTRY_BYTES * 1024);
        int count;

        BlockBuilder(long fileId) {
            this.fileId = fileId;
        }

        /** Adds an id; {@code sharedHash} when an id checked before it (of any night) has the same hash. */
        void add(long hash, long fingerprint, long line, boolean sharedHash) {
            add(hash, fingerprint, line, sharedHash, ID);
        }

        /** Adds an entry of {@code kind}: only ids are counted. */
        void add(long hash, long fingerprint, long line, boolean sharedHash, int kind) {
            if (entries.remaining() < ENTRY_BYTES) {
                entries = ByteBuffer.allocate(entries.capacity() * 2).put(entries.flip());
            }
            entries.putLong(hash).putLong(fingerprint).putInt(entryLine(line, sharedHash, kind));
            firstLine = Math.min(firstLine, line);
            if (kind == ID) {
                count++;
            }
        }

        boolean isEmpty() {
            return entries.position() == 0;
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

    /** Stores blocks in the caller's transaction, to be indexed after the night's ingest: one row a block. */
    static void store(JdbcTemplate jdbc, Collection<BlockBuilder> blocks) {
        List<BlockBuilder> stored = blocks.stream().filter(b -> !b.isEmpty()).toList();
        jdbc.batchUpdate("""
                INSERT INTO ingested_id_block (file_id, first_line, id_count, entries, indexed)
                VALUES (?, ?, ?, ?, FALSE)""", stored, stored.size() + 1, (ps, b) -> {
            ps.setLong(1, b.fileId);
            ps.setLong(2, b.firstLine);
            ps.setInt(3, b.count);
            ps.setBytes(4, b.bytes());
        });
    }

    /**
     * Indexes every block not indexed yet: their entries, sorted by hash a pass of at most {@value #INDEX_PASS_ENTRIES}
     * at a time (each pass a range of the hashes), written to {@code id_ledger} (PostgreSQL: one {@code COPY} a slice;
     * H2: 50,000 rows a statement), those marked as sharing a hash to {@code id_ledger_shared_hash}; a transaction a
     * slice of about {@link #writeSlice()} entries, so that no commit has to write out more than that (H2 writes a
     * transaction's pages in one buffer). The blocks are marked indexed once every slice is in, a group of blocks a
     * transaction (a block marked is one whose ids are all in the index). Before a pass is written, ids of the night
     * that two partitions of its ingest both took as new are put right ({@link NightDuplicates}). A slice written before
     * a failure is found again by the next attempt, whose insert is then refused: that slice (like one of blocks from
     * before the marks existed) is written checked against the index instead — an entry already there is skipped, one
     * whose hash another id holds goes beside it.
     *
     * @return the ids indexed
     */
    static long indexPending(JdbcTemplate jdbc, NightDuplicates duplicates) {
        return indexPending(jdbc, duplicates, null);
    }

    /**
     * As {@link #indexPending(JdbcTemplate, NightDuplicates)}, adding the ids to the workspace's filter as they are
     * written ({@code filter}, held locked by the caller; {@code null}: the next check adds them from the database).
     */
    static long indexPending(JdbcTemplate jdbc, NightDuplicates duplicates, IdFilter filter) {
        List<long[]> blocks = new ArrayList<>();
        jdbc.query("""
                SELECT file_id, first_line, id_count FROM ingested_id_block WHERE indexed = FALSE
                 ORDER BY file_id, first_line""", rs -> {
            blocks.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        });
        long total = blocks.stream().mapToLong(b -> b[2]).sum();
        if (blocks.isEmpty()) {
            return 0;
        }
        TransactionTemplate each = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        each.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // the indexing's generation, committed first: the blocks it marks carry it, for the filters to add them
        IdFilter.Generation generation = each.execute(status -> IdFilter.next(jdbc));
        int writers = indexWriters(jdbc);
        int passes = (int) Math.max(1, (total + INDEX_PASS_ENTRIES - 1) / INDEX_PASS_ENTRIES);
        for (int pass = 0; pass < passes; pass++) {
            IdEntries entries = new IdEntries((int) Math.min(Integer.MAX_VALUE / 3, total / passes + total / 8 + 16));
            for (long[] block : blocks) {
                byte[] packed = jdbc.queryForObject(
                        "SELECT entries FROM ingested_id_block WHERE file_id = ? AND first_line = ?", byte[].class,
                        block[0], block[1]);
                ByteBuffer buffer = ByteBuffer.wrap(packed);
                while (buffer.remaining() >= ENTRY_BYTES) {
                    long hash = buffer.getLong();
                    long fingerprint = buffer.getLong();
                    int line = buffer.getInt();
                    if (passOf(hash, passes) == pass) {
                        entries.add(hash, fingerprint, block[0], lineOf(line), (line & SHARED_HASH) != 0, kindOf(line));
                    }
                }
            }
            entries.sort();
            List<NightDuplicates.Later> later = duplicates.find(entries);
            if (!later.isEmpty()) {
                each.executeWithoutResult(status -> duplicates.takeBack(later));
                total -= later.stream().filter(l -> l.was() == ID).count();
                CrashPoints.reach("ids.resolved");
            }
            if (filter != null) {
                // before the ids are in the index: the filter may hold more than the index, never less
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.kind(i) == ID) {
                        filter.add(entries.hash(i));
                    }
                }
            }
            List<Callable<Void>> slices = new ArrayList<>();
            for (int from = 0; from < entries.size();) {
                // the ids of one hash stay in one slice
                int to = Math.min(entries.size(), from + writeSlice());
                while (to < entries.size() && entries.hash(to) == entries.hash(to - 1)) {
                    to++;
                }
                int start = from;
                int end = to;
                slices.add(() -> {
                    try {
                        each.executeWithoutResult(status -> write(jdbc, entries, start, end, false));
                    } catch (DataIntegrityViolationException refused) {
                        each.executeWithoutResult(status -> write(jdbc, entries, start, end, true));
                    }
                    CrashPoints.reach("ids.indexing");
                    return null;
                });
                from = to;
            }
            if (slices.size() > 1) {
                log.info("id ledger: pass {} of {}: {} entries in {} transactions, {} at a time", pass + 1, passes,
                        entries.size(), slices.size(), Math.min(writers, slices.size()));
            }
            writeSlices(slices, writers);
        }
        // the blocks marked a group at a time: H2 rewrites a block's row, entries and all, when it marks it
        for (int from = 0; from < blocks.size();) {
            int to = from;
            for (long ids = 0; to < blocks.size() && (to == from || ids + blocks.get(to)[2] <= writeSlice()); to++) {
                ids += blocks.get(to)[2];
            }
            List<long[]> marked = blocks.subList(from, to);
            each.executeWithoutResult(status -> jdbc.batchUpdate(
                    "UPDATE ingested_id_block SET indexed = TRUE, indexed_generation = ? WHERE file_id = ? AND first_line = ?",
                    marked, 10_000, (ps, b) -> {
                        ps.setLong(1, generation.number());
                        ps.setLong(2, b[0]);
                        ps.setLong(3, b[1]);
                    }));
            from = to;
        }
        if (filter != null) {
            filter.covers(generation);
        }
        return total;
    }

    /**
     * Transactions writing slices of the index side by side: on PostgreSQL {@code settlement.id-index-writers} (2), each
     * on its own connection — a slice is a range of hashes of its own, so they never wait on each other, and each keeps
     * a processor of the database busy; on H2 one (its store writes one transaction's pages at a time).
     */
    private static int indexWriters(JdbcTemplate jdbc) {
        return onPostgres(jdbc) ? Math.max(1, Integer.getInteger("settlement.id-index-writers", 2)) : 1;
    }

    /** Whether the ledger is on PostgreSQL (H2 otherwise). */
    static boolean onPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.isWrapperFor(PGConnection.class)));
    }

    /** Runs the slices' writes, {@code writers} at a time, in order of their hashes; the first failure is thrown. */
    private static void writeSlices(List<Callable<Void>> slices, int writers) {
        if (writers == 1 || slices.size() == 1) {
            for (Callable<Void> slice : slices) {
                try {
                    slice.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "id-index-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> written : pool.invokeAll(slices)) {
                written.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing the night's ids", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Entries written a transaction at a time while indexing ({@code settlement.id-index-slice}). */
    static int writeSlice() {
        return Math.max(1, Integer.getInteger("settlement.id-index-slice", 500_000));
    }

    /** The pass of the index that takes a hash: the hash's top 32 bits scaled to the passes. */
    private static int passOf(long hash, int passes) {
        return (int) (((hash >>> 32) * passes) >>> 32);
    }

    /**
     * Writes the sorted entries {@code from} (inclusive) {@code to} (exclusive), in the caller's transaction: per hash,
     * the first id not marked as sharing it to {@code id_ledger}, the others beside it. With {@code verify} the marks
     * are not trusted: the index is probed, an entry already in it is skipped, and every id of a hash it holds goes
     * beside.
     */
    private static void write(JdbcTemplate jdbc, IdEntries entries, int from, int to, boolean verify) {
        Map<Long, List<Candidate>> indexed = Map.of();
        if (verify) {
            long[] hashes = new long[to - from];
            for (int i = from; i < to; i++) {
                hashes[i - from] = entries.hash(i);
            }
            indexed = probe(jdbc, hashes);
        }
        IdEntries first = new IdEntries(to - from);
        List<long[]> shared = new ArrayList<>(0);
        boolean held = false;
        for (int i = from; i < to; i++) {
            long hash = entries.hash(i);
            List<Candidate> there = indexed.getOrDefault(hash, List.of());
            if (i == from || hash != entries.hash(i - 1)) {
                held = !there.isEmpty();
            }
            if (entries.kind(i) != ID) {
                continue;
            }
            long fileId = entries.fileId(i);
            int line = entries.line(i);
            if (there.stream().anyMatch(c -> c.fileId() == fileId && c.line() == line)) {
                continue;
            }
            if (held || (!verify && entries.shared(i))) {
                shared.add(new long[] {hash, entries.fingerprint(i), fileId, line});
            } else {
                first.add(hash, entries.fingerprint(i), fileId, line, false);
                held = true;
            }
        }
        boolean copied = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> copy(c, first)));
        if (!copied) {
            insertUnnested(jdbc, first);
        }
        jdbc.batchUpdate("""
                INSERT INTO id_ledger_shared_hash (id_hash, fingerprint, file_id, line_number) VALUES (?, ?, ?, ?)""",
                shared, shared.size() + 1, (ps, row) -> {
                    ps.setLong(1, row[0]);
                    ps.setLong(2, row[1]);
                    ps.setLong(3, row[2]);
                    ps.setInt(4, (int) row[3]);
                });
    }

    /**
     * The index rows on H2, in hash order: a slice of {@value #PROBE_SLICE} rows a statement, as four arrays unnested,
     * which spares the per-row work of a batch.
     */
    private static void insertUnnested(JdbcTemplate jdbc, IdEntries rows) {
        for (int from = 0; from < rows.size(); from += PROBE_SLICE) {
            int n = Math.min(PROBE_SLICE, rows.size() - from);
            Long[] hashes = new Long[n];
            Long[] fingerprints = new Long[n];
            Long[] files = new Long[n];
            Integer[] lines = new Integer[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = rows.hash(from + i);
                fingerprints[i] = rows.fingerprint(from + i);
                files[i] = rows.fileId(from + i);
                lines[i] = rows.line(from + i);
            }
            jdbc.update(c -> {
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO id_ledger (id_hash, fingerprint, file_id, line_number)
                        SELECT * FROM UNNEST(?, ?, ?, ?)""");
                ps.setArray(1, c.createArrayOf("BIGINT", hashes));
                ps.setArray(2, c.createArrayOf("BIGINT", fingerprints));
                ps.setArray(3, c.createArrayOf("BIGINT", files));
                ps.setArray(4, c.createArrayOf("INTEGER", lines));
                return ps;
            });
        }
    }

    /** PostgreSQL's bulk path for the index rows, on the transaction's connection; {@code false} on another database. */
    private static boolean copy(Connection connection, IdEntries rows) throws SQLException {
        return CopyRows.copy(connection, "COPY id_ledger (id_hash, fingerprint, file_id, line_number) FROM STDIN",
                rows.size(), (line, i) -> line.append(rows.hash(i)).append('\t').append(rows.fingerprint(i)).append('\t')
                        .append(rows.fileId(i)).append('\t').append(rows.line(i)));
    }

    /**
     * The ids of the ledger with one of {@code hashes}, by hash: a probe of the index per slice of hashes (an
     * index lookup each, on both databases), the indexed ledger only.
     */
    static Map<Long, List<Candidate>> probe(JdbcTemplate jdbc, long[] hashes) {
        return probe(jdbc, hashes, holdsAny(jdbc, "id_ledger_shared_hash"));
    }

    /**
     * As {@link #probe(JdbcTemplate, long[])}, told whether the table of shared hashes holds any id (a night's check
     * asks once: it changes only when the night is indexed).
     */
    static Map<Long, List<Candidate>> probe(JdbcTemplate jdbc, long[] hashes, boolean anyShared) {
        // each hash once: the join returns a row per hash probed
        long[] sorted = Arrays.stream(hashes).sorted().distinct().toArray();
        Map<Long, List<Candidate>> found = new HashMap<>();
        for (int from = 0; from < sorted.length; from += PROBE_SLICE) {
            Long[] slice = new Long[Math.min(PROBE_SLICE, sorted.length - from)];
            for (int i = 0; i < slice.length; i++) {
                slice[i] = sorted[from + i];
            }
            for (String table : anyShared ? List.of("id_ledger", "id_ledger_shared_hash") : List.of("id_ledger")) {
                // the slice as a table joined to the index: a lookup per hash, cheaper on H2 than = ANY(?)
                jdbc.query(c -> {
                    PreparedStatement ps = c.prepareStatement("SELECT l.id_hash, l.fingerprint, l.file_id, l.line_number"
                            + " FROM UNNEST(?) AS p (id_hash) JOIN " + table + " l ON l.id_hash = p.id_hash");
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

    /** Whether the index (or its table of shared hashes) holds any id: a night with no history probes nothing. */
    static boolean holdsAny(JdbcTemplate jdbc, String table) {
        return !jdbc.queryForList("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY", Integer.class).isEmpty();
    }

    /**
     * The ids of {@code ingested_record} (the ledger's form before blocks existed) made blocks, not indexed yet, each
     * file in a transaction of its own. Once done, a query that finds nothing to do.
     */
    static void blocksFromRecords(JdbcTemplate jdbc) {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        for (Long fileId : jdbc.queryForList("SELECT DISTINCT file_id FROM ingested_record ORDER BY file_id", Long.class)) {
            transaction.executeWithoutResult(status -> {
                BlockBuilder block = new BlockBuilder(fileId);
                jdbc.query("SELECT record_id, fingerprint, line_number FROM ingested_record WHERE file_id = ?",
                        rs -> {
                            block.add(RecordIdIndex.hash(rs.getString(1)), rs.getLong(2), rs.getLong(3), false);
                        }, fileId);
                store(jdbc, List.of(block));
                jdbc.update("DELETE FROM ingested_record WHERE file_id = ?", fileId);
            });
        }
    }

    /**
     * Removes every id a file brought, in the caller's transaction: its index rows, found by the hashes of its blocks
     * (no scan of the ledger), and its blocks.
     */
    static void removeFile(JdbcTemplate jdbc, long fileId) {
        List<long[]> keys = new ArrayList<>();
        jdbc.query("SELECT entries FROM ingested_id_block WHERE file_id = ? AND indexed = TRUE", rs -> {
            ByteBuffer entries = ByteBuffer.wrap(rs.getBytes(1));
            while (entries.remaining() >= ENTRY_BYTES) {
                long hash = entries.getLong();
                entries.getLong();
                int line = entries.getInt();
                if (kindOf(line) == ID) {
                    keys.add(new long[] {hash, lineOf(line)});
                }
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

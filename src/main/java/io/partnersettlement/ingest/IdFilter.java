package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A filter of the hashes in the id ledger's index, so that the check asks the database only about the ids it may hold:
 * a hash the filter does not hold is in no earlier night's index, and most of a night's ids are new. It is a blocked
 * Bloom filter — each hash sets seven bits of one 512-bit block, so a lookup reads one cache line — sized for the
 * ledger's ids (32 bits an id, built again twice as large when it falls below 16, from 1 MiB up to
 * {@code settlement.id-filter-mib}, 512 MiB by default: about 0.2 % of new ids still probed at 300 million ids of
 * history, more as the history grows past that; the answers never change, only the probes they take), kept in the
 * workspace's {@code db/id-filter.bits} and mapped into memory outside the heap.
 * <p>
 * The database stays the truth: the filter only ever answers "maybe" for a hash of the index, never "no". Each
 * indexing of the ledger is a generation with a random token ({@code id_index_generation}), and every block records
 * the generation that indexed it. The file knows the generation and token it covers; when a check opens it, the
 * blocks indexed since are added (a night's worth), and it is built again from every indexed block when its generation
 * is not one the database has (a new file, another database, a database restored from a backup). Bits are set and
 * written out before the generation is: a process killed in between adds the same blocks again. Ids removed from the
 * index (a file taken back or abandoned) keep their bits, which costs a probe, never an answer. Processes and partitions
 * sharing a workspace bring the file up to date one at a time (a lock on the file, and one in the process).
 */
final class IdFilter implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdFilter.class);

    static final String FILE = "id-filter.bits";
    /** "IDFILTR2": seven bits a hash (a file of "IDFILTR1", two bits a hash, is built again). */
    private static final long MAGIC = 0x4944_4649_4C54_5232L;
    /** The header's room: the bits start on a page of their own. */
    static final int HEADER = 4096;
    /** Bits of a block: 512, one cache line. */
    private static final int BLOCK_LOG2 = 9;
    /**
     * Bits a hash sets in its block: nine bits of its mixed hash each (63 of 64). Seven rather than two lets through a
     * tenth of the new ids at 14 bits an id (0.2 % against 1.7 %); a new id's answer still reads one cache line and
     * usually stops at its first or second bit.
     */
    private static final int PROBES = 7;
    private static final SecureRandom TOKENS = new SecureRandom();

    /** A generation of the index: the indexing that wrote it and its random token. */
    record Generation(long number, long token) {
        static final Generation NONE = new Generation(0, 0);
    }

    private final FileChannel channel;
    private final MappedByteBuffer bits;
    /** Held by an indexing's filter until it is closed; {@code null} once a check's filter is open. */
    private FileLock lock;
    private final int log2Bits;
    /** Shift that leaves a hash's block number: 64 − log2 of the blocks. */
    private final int blockShift;
    private final long added;
    private final boolean rebuilt;
    private final long millis;

    private IdFilter(FileChannel channel, MappedByteBuffer bits, int log2Bits, long added, boolean rebuilt, long millis) {
        this.channel = channel;
        this.bits = bits;
        this.log2Bits = log2Bits;
        this.blockShift = 64 - (log2Bits - BLOCK_LOG2);
        this.added = added;
        this.rebuilt = rebuilt;
        this.millis = millis;
    }

    /** Log2 of the bits of a filter of {@code mib} MiB (rounded down to a power of two, 1 to 1,024); 0 for none. */
    static int log2Bits(int mib) {
        if (mib <= 0) {
            return 0;
        }
        return 23 + (31 - Integer.numberOfLeadingZeros(Math.min(mib, 1024)));
    }

    /** Whether the index may hold the hash: {@code false} only for a hash it does not hold. */
    boolean mayHold(long hash) {
        int base = HEADER + (int) ((hash >>> blockShift) << 6);
        long bitsOfHash = mix(hash);
        for (int probe = 0; probe < PROBES; probe++, bitsOfHash >>>= 9) {
            int bit = (int) bitsOfHash & 511;
            if ((bits.getLong(base + (bit >>> 6 << 3)) & 1L << (bit & 63)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hash's bits within its block, nine bits a probe: the hash mixed (MurmurHash3's 64-bit finaliser, a bijection)
     * so that they do not depend on the top bits that chose the block.
     */
    static long mix(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The hashes of {@code hashes} that the index may hold, in their order. */
    long[] mayHold(long[] hashes) {
        long[] maybe = new long[hashes.length];
        int n = 0;
        for (long hash : hashes) {
            if (mayHold(hash)) {
                maybe[n++] = hash;
            }
        }
        return java.util.Arrays.copyOf(maybe, n);
    }

    /** Sets the bits of a hash (an indexing's, under the file's lock: {@link #forIndexing}). */
    void add(long hash) {
        int base = HEADER + (int) ((hash >>> blockShift) << 6);
        long bitsOfHash = mix(hash);
        for (int probe = 0; probe < PROBES; probe++, bitsOfHash >>>= 9) {
            int bit = (int) bitsOfHash & 511;
            int at = base + (bit >>> 6 << 3);
            bits.putLong(at, bits.getLong(at) | 1L << (bit & 63));
        }
    }

    /** What opening the filter took: for the check's log line. */
    String describe() {
        return (rebuilt ? "built again from the index with " : "brought up to date with ") + added + " ids in " + millis
                + " ms (" + ((1L << log2Bits) >> 23) + " MiB)";
    }

    /**
     * The workspace's filter, brought up to the database's latest generation (or built again, when the file does not
     * cover one of its generations).
     */
    static IdFilter synced(JdbcTemplate jdbc, Path file, int log2Bits) throws IOException {
        return open(jdbc, file, log2Bits, false);
    }

    /**
     * The workspace's filter for an indexing: brought up to date as {@link #synced} does, and kept locked until it is
     * closed, while the indexing {@link #add adds} its ids and then {@link #covers records} its generation.
     */
    static IdFilter forIndexing(JdbcTemplate jdbc, Path file, int log2Bits) throws IOException {
        return open(jdbc, file, log2Bits, true);
    }

    /** Records that the filter holds the ids of {@code generation} and every one before it (the bits written first). */
    void covers(Generation generation) {
        bits.force();
        bits.putLong(0, MAGIC).putInt(8, log2Bits).putLong(16, generation.number()).putLong(24, generation.token());
        bits.force();
    }

    /**
     * Log2 of the bits of a filter built for {@code ids} ids: 32 bits an id (about 0.003 % of new ids let through; 0.1 % at 16), at
     * least 1 MiB, at most {@code maxLog2}.
     */
    static int sized(long ids, int maxLog2) {
        int needed = 64 - Long.numberOfLeadingZeros(Math.max(1, ids) * 32 - 1);
        return Math.min(maxLog2, Math.max(23, needed));
    }

    /**
     * @param maxLog2 log2 of the bits of the largest filter ({@code settlement.id-filter-mib}): a filter is sized for the
     *                ledger's ids and built again twice as large once it holds fewer than 16 bits an id, up to this
     */
    private static IdFilter open(JdbcTemplate jdbc, Path file, int maxLog2, boolean keepLock) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(file.getParent());
        synchronized (IdFilter.class) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE);
            FileLock lock = null;
            try {
                lock = channel.lock();
                Generation latest = latest(jdbc);
                // every id stored, the night's not yet indexed included: what the filter is about to hold
                long ids = IdLedger.count(jdbc);
                int kept = bitsOf(channel);
                boolean roomy = kept >= 23 && kept <= maxLog2 && (kept == maxLog2 || (1L << kept) >= ids * 16);
                int log2Bits = roomy ? kept : sized(ids, maxLog2);
                long size = HEADER + (1L << log2Bits) / 8;
                Generation covered = roomy ? covered(channel, size, log2Bits) : null;
                boolean rebuild = covered == null || covered.number() == 0 || !known(jdbc, covered);
                if (rebuild) {
                    // zeros, sparse: only the pages that get a bit take room
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
                }
                MappedByteBuffer bits = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
                IdFilter filter = new IdFilter(channel, bits, log2Bits, 0, rebuild, 0);
                long added = 0;
                if (rebuild || covered.number() < latest.number()) {
                    added = filter.addBlocks(jdbc, rebuild ? -1 : covered.number(), latest.number());
                    filter.covers(latest);
                }
                IdFilter opened = new IdFilter(channel, bits, log2Bits, added, rebuild,
                        (System.nanoTime() - started) / 1_000_000);
                if (keepLock) {
                    opened.lock = lock;
                } else {
                    lock.release();
                }
                return opened;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** Log2 of the bits a file's header names, 0 for a file that is not a filter. */
    private static int bitsOf(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12);
        channel.read(header, 0);
        return header.position() == 12 && header.getLong(0) == MAGIC ? header.getInt(8) : 0;
    }

    /** The generation a file covers, or {@code null} for a file that is not a filter of these bits. */
    private static Generation covered(FileChannel channel, long size, int log2Bits) throws IOException {
        if (channel.size() != size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(32);
        channel.read(header, 0);
        header.flip();
        if (header.remaining() < 32 || header.getLong(0) != MAGIC || header.getInt(8) != log2Bits) {
            return null;
        }
        return new Generation(header.getLong(16), header.getLong(24));
    }

    private static boolean known(JdbcTemplate jdbc, Generation generation) {
        return !jdbc.queryForList("SELECT 1 FROM id_index_generation WHERE generation = ? AND token = ?", Integer.class,
                generation.number(), generation.token()).isEmpty();
    }

    /** The database's latest generation of the index, {@link Generation#NONE} before its first. */
    static Generation latest(JdbcTemplate jdbc) {
        List<Generation> latest = jdbc.query("""
                SELECT generation, token FROM id_index_generation ORDER BY generation DESC FETCH FIRST 1 ROWS ONLY""",
                (rs, n) -> new Generation(rs.getLong(1), rs.getLong(2)));
        return latest.isEmpty() ? Generation.NONE : latest.get(0);
    }

    /** A new generation of the index, for an indexing about to mark blocks, in its own statement. */
    static Generation next(JdbcTemplate jdbc) {
        Generation next = new Generation(latest(jdbc).number() + 1, TOKENS.nextLong());
        jdbc.update("INSERT INTO id_index_generation (generation, token) VALUES (?, ?)", next.number(), next.token());
        return next;
    }

    /**
     * Adds the ids of the blocks indexed after generation {@code after} up to {@code through} (every indexed block when
     * {@code after} is negative), one block's entries read at a time.
     */
    private long addBlocks(JdbcTemplate jdbc, long after, long through) {
        List<long[]> blocks = new ArrayList<>();
        if (after < 0) {
            jdbc.query("SELECT file_id, first_line FROM ingested_id_block WHERE indexed = TRUE", rs -> {
                blocks.add(new long[] {rs.getLong(1), rs.getLong(2)});
            });
        } else {
            jdbc.query("""
                    SELECT file_id, first_line FROM ingested_id_block
                     WHERE indexed_generation > ? AND indexed_generation <= ? AND indexed = TRUE""", rs -> {
                blocks.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }, after, through);
        }
        long added = 0;
        for (long[] block : blocks) {
            List<byte[]> entries = jdbc.queryForList(
                    "SELECT entries FROM ingested_id_block WHERE file_id = ? AND first_line = ?", byte[].class,
                    block[0], block[1]);
            for (byte[] packed : entries) {
                ByteBuffer buffer = ByteBuffer.wrap(packed);
                while (buffer.remaining() >= IdLedger.ENTRY_BYTES) {
                    long hash = buffer.getLong();
                    buffer.getLong();
                    if (IdLedger.kindOf(buffer.getInt()) == IdLedger.ID) {
                        add(hash);
                        added++;
                    }
                }
            }
        }
        if (after < 0 || added > 0) {
            log.info("id filter: {} ids of {} indexed blocks added ({})", added, blocks.size(),
                    after < 0 ? "built again" : "generations " + (after + 1) + " to " + through);
        }
        return added;
    }

    /**
     * The workspace's filter for an indexing ({@link #forIndexing}), or {@code null} — the next check then adds the
     * night's ids from the database — when it is set to 0 or cannot be had.
     */
    static IdFilter forIndexingOrNone(JdbcTemplate jdbc, io.partnersettlement.workspace.Workspace workspace, int mib) {
        if (mib <= 0) {
            return null;
        }
        Path file = workspace.db().resolve(FILE);
        try {
            return forIndexing(jdbc, file, log2Bits(mib));
        } catch (IOException | RuntimeException e) {
            log.warn("id filter {} cannot be used ({}): the next check adds the night's ids", file, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            channel.close();
        } catch (IOException e) {
            log.debug("closing the id filter", e);
        }
    }
}

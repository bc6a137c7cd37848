package io.partnersettlement.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The workbook's zip, its worksheets deflated on every processor. A worksheet of a million rows is about 800 MB of XML,
 * and deflating it on one thread was about two fifths of the time of writing the sheet. Its bytes are cut into blocks
 * of {@value #BLOCK} bytes, each deflated on a pool thread with the 32 KiB before it as its preset dictionary and
 * ended on a byte boundary (a sync flush), the last one finished: the blocks joined in order are one deflate stream,
 * which every zip reader reads (the way pigz compresses). The compressed entry waits in a temporary file until its CRC
 * and sizes are known, then goes into the zip as it is. Every other entry is deflated as usual, at the same level.
 */
final class ParallelDeflatingZip extends ZipArchiveOutputStream {

    static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Blocks being deflated at once: enough to keep every processor busy, few enough to bound the memory. */
    private static final int IN_FLIGHT = 2 * THREADS;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "workbook-deflate");
        thread.setDaemon(true);
        return thread;
    });

    private final int level;
    private ZipArchiveEntry worksheet;
    private Blocks blocks;

    ParallelDeflatingZip(OutputStream out, int level) {
        super(out);
        this.level = level;
        setLevel(level);
    }

    /** A worksheet's part name: {@code xl/worksheets/sheet<n>.xml}. */
    static boolean isWorksheet(String name) {
        return name.startsWith("xl/worksheets/sheet") && name.endsWith(".xml");
    }

    @Override
    public void putArchiveEntry(ZipArchiveEntry entry) throws IOException {
        if (isWorksheet(entry.getName())) {
            worksheet = entry;
            blocks = new Blocks(level);
        } else {
            super.putArchiveEntry(entry);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (blocks != null) {
            blocks.write(bytes, offset, length);
        } else {
            super.write(bytes, offset, length);
        }
    }

    @Override
    public void closeArchiveEntry() throws IOException {
        if (blocks == null) {
            super.closeArchiveEntry();
            return;
        }
        Blocks done = blocks;
        ZipArchiveEntry entry = worksheet;
        blocks = null;
        worksheet = null;
        try {
            done.finish();
            entry.setMethod(ZipEntry.DEFLATED);
            entry.setCrc(done.crc.getValue());
            entry.setSize(done.size);
            entry.setCompressedSize(done.compressedSize);
            try (InputStream raw = Files.newInputStream(done.file)) {
                addRawArchiveEntry(entry, raw);
            }
        } finally {
            done.discard();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (blocks != null) {
                blocks.discard();
                blocks = null;
            }
        } finally {
            super.close();
        }
    }

    /** One worksheet's bytes on their way through the pool into a temporary file of raw deflate data. */
    private static final class Blocks {
        private final int level;
        private final Path file;
        private final OutputStream compressed;
        private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
        final CRC32 crc = new CRC32();
        long size;
        long compressedSize;
        private byte[] block = new byte[BLOCK];
        private int filled;
        private byte[] dictionary;

        Blocks(int level) throws IOException {
            this.level = level;
            this.file = WorkbookTemporaryFiles.create("workbook-sheet-", ".deflate");
            this.compressed = Files.newOutputStream(file);
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            crc.update(bytes, offset, length);
            size += length;
            while (length > 0) {
                int n = Math.min(length, block.length - filled);
                System.arraycopy(bytes, offset, block, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == block.length) {
                    submit(false);
                }
            }
        }

        void finish() throws IOException {
            submit(true);
            while (!inFlight.isEmpty()) {
                drainOne();
            }
            compressed.close();
        }

        private void submit(boolean last) throws IOException {
            byte[] input = block;
            int length = filled;
            byte[] preset = dictionary;
            inFlight.add(POOL.submit(() -> deflate(input, length, preset, last, level)));
            if (!last) {
                dictionary = Arrays.copyOfRange(input, length - DICTIONARY, length);
                block = new byte[BLOCK];
                filled = 0;
            }
            while (inFlight.size() > IN_FLIGHT) {
                drainOne();
            }
        }

        private void drainOne() throws IOException {
            byte[] out;
            try {
                out = inFlight.removeFirst().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while deflating a worksheet");
            } catch (ExecutionException e) {
                throw new IOException("cannot deflate a worksheet", e.getCause());
            }
            compressed.write(out);
            compressedSize += out.length;
        }

        void discard() {
            inFlight.forEach(future -> future.cancel(false));
            try {
                compressed.close();
            } catch (IOException ignored) {
                // the file goes next
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file, named as such
            }
        }
    }

    /**
     * Raw deflate of one block, the 32 KiB before it as the preset dictionary: ended on a byte boundary by a sync
     * flush, or, for the last block, finished.
     */
    static byte[] deflate(byte[] input, int length, byte[] dictionary, boolean last, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(input, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
